import { Duration } from 'aws-cdk-lib'
import * as lambda from 'aws-cdk-lib/aws-lambda'
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs'
import * as logs from 'aws-cdk-lib/aws-logs'
import { Construct } from 'constructs'

export interface ProductFunctionProps {
  /** Entry file, relative to the repository root (e.g. `functions/ingest/lambda.ts`). */
  entry: string
  /** @default 256 */
  memorySize?: number
  /** @default 10 seconds */
  timeout?: Duration
  environment?: Record<string, string>
  /** @default one month */
  logRetention?: logs.RetentionDays
}

/** A Lambda function with the house defaults: Node.js 22 on arm64, minified ES module bundle, JSON logs. */
export class ProductFunction extends Construct {
  readonly fn: NodejsFunction

  constructor(scope: Construct, id: string, props: ProductFunctionProps) {
    super(scope, id)
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    })
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        AUTH_MODE: 'cognito',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
    })
  }
}
