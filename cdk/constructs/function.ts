import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib'
import * as lambda from 'aws-cdk-lib/aws-lambda'
import { type BundlingOptions, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs'
import * as logs from 'aws-cdk-lib/aws-logs'
import { Construct } from 'constructs'
import { fromRoot, REPO_ROOT } from '../paths.js'

/** The managed policy CDK attaches to every function role, as cdk-nag names it. */
export const BASIC_EXECUTION_ROLE =
  'arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'

/**
 * How every function is bundled (bench/bundle-sizes.ts reuses it to explain the sizes). The Lambda runtime
 * provides the AWS SDK v3, so it stays out of the bundles.
 */
export const BUNDLING = {
  format: OutputFormat.ESM,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node22',
  mainFields: ['module', 'main'],
  externalModules: ['@aws-sdk/*'],
  logLevel: LogLevel.WARNING,
} satisfies BundlingOptions

export interface ProductFunctionProps {
  /** Entry file, relative to the repository root (e.g. `functions/ingest/lambda.ts`). */
  entry: string
  /** Exported handler of the entry. @default handler */
  handler?: string
  /** @default 256 */
  memorySize?: number
  /** @default 10 seconds */
  timeout?: Duration
  environment?: Record<string, string>
  /** Days the function's logs are kept. @default 90 */
  logRetentionDays?: number
  /** Caps concurrent runs (1 = never two at once). @default unreserved */
  reservedConcurrentExecutions?: number
  /** Ship the Sarabun font files the PDF reports are set in (`fonts/` beside the bundle). @default false */
  withReportFonts?: boolean
}

/** The font files of the PDF reports (functions/reports/fonts.ts reads them from `fonts/`). */
export const REPORT_FONT_FILES = [
  'sarabun-thai-400-normal.woff',
  'sarabun-latin-400-normal.woff',
  'sarabun-thai-700-normal.woff',
  'sarabun-latin-700-normal.woff',
]

/** Bundling hooks that copy the report fonts next to the bundle (no network, no Docker). */
const reportFontHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) => [
    `mkdir -p "${outputDir}/fonts"`,
    ...REPORT_FONT_FILES.map(
      (f) => `cp "${inputDir}/node_modules/@fontsource/sarabun/files/${f}" "${outputDir}/fonts/${f}"`,
    ),
  ],
}

/**
 * A Lambda function with the house defaults: Node.js 22 on arm64, a minified ES module bundle with source maps
 * built by the project's esbuild (never Docker), JSON logs in its own log group, X-Ray tracing.
 */
export class ProductFunction extends Construct {
  readonly fn: NodejsFunction
  readonly logGroup: logs.LogGroup

  constructor(scope: Construct, id: string, props: ProductFunctionProps) {
    super(scope, id)
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: (props.logRetentionDays ?? 90) as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    })
    this.fn = new NodejsFunction(this, 'Function', {
      entry: fromRoot(props.entry),
      handler: props.handler ?? 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: fromRoot('package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        AUTH_MODE: 'cognito',
        ...props.environment,
      },
      bundling: {
        ...BUNDLING,
        forceDockerBundling: false,
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        ...(props.withReportFonts ? { commandHooks: reportFontHooks } : {}),
      },
    })
    Validations.of(this.fn).acknowledge(
      {
        id: `AwsSolutions-IAM4[Policy::${BASIC_EXECUTION_ROLE}]`,
        reason:
          'AWSLambdaBasicExecutionRole only lets the function write logs; its log group is created here.',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is the runtime the product is built and tested for (an LTS line); moving to a newer ' +
          'runtime is a deliberate, tested change of this one line, not something a synth should do.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
      },
    )
  }
}
