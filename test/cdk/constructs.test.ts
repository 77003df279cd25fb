import { Capture, Match, Template } from 'aws-cdk-lib/assertions'
import * as lambda from 'aws-cdk-lib/aws-lambda'
import * as sqs from 'aws-cdk-lib/aws-sqs'
import { describe, expect, it } from 'vitest'
import { AccessLogs } from '../../cdk/constructs/access-logs.js'
import { Alarms } from '../../cdk/constructs/alarms.js'
import { Api } from '../../cdk/constructs/api.js'
import { Auth } from '../../cdk/constructs/auth.js'
import { Email } from '../../cdk/constructs/email.js'
import { Jobs } from '../../cdk/constructs/jobs.js'
import { Web } from '../../cdk/constructs/web.js'
import { testData, testStack, WEB_DIST_FIXTURE } from './support.js'

const ORIGIN = 'https://dashboard.example.org'
const HASH = 'a'.repeat(64)

/** Statements of every IAM policy in a template, flattened. */
function statements(
  template: Template,
): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => p.Properties.PolicyDocument.Statement,
  )
}

const actionsOf = (s: { Action: string | string[] }) => (Array.isArray(s.Action) ? s.Action : [s.Action])

describe('DataStore', () => {
  const stack = testStack()
  testData(stack)
  const template = Template.fromStack(stack)

  it('table is on-demand with point-in-time recovery, deletion protection, encryption and a TTL attribute', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    })
  })

  it('table and reports bucket survive a stack deletion', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain' })
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ VersioningConfiguration: { Status: 'Enabled' } }),
    })
  })

  it('reports bucket blocks public access, is versioned, encrypted, logged and expires old versions', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({})] },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'reports-bucket/' }),
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 400 } })],
      },
    })
  })

  it('every bucket refuses requests without TLS', () => {
    const policies = template.findResources('AWS::S3::BucketPolicy')
    expect(Object.keys(policies)).toHaveLength(2)
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      )
    }
  })
})

describe('Api', () => {
  const stack = testStack()
  const data = testData(stack)
  const auth = new Auth(stack, 'Auth', { dashboardOrigin: ORIGIN, domainPrefix: 'ogd-test' })
  new Api(stack, 'Api', { data, auth, dashboardOrigin: ORIGIN, ingestApiKeyHashes: [HASH, 'b'.repeat(64)] })
  const template = Template.fromStack(stack)

  it('functions run Node.js 22 on arm64 with JSON logs and tracing', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
        TracingConfig: { Mode: 'Active' },
      },
      2,
    )
  })

  it('routes downloads and events to the ingest function and everything else to the API function', () => {
    const ingestTarget = new Capture()
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /d/{resourceId}',
      Target: ingestTarget,
    })
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /v1/events',
      Target: ingestTarget.asObject(),
    })
    const defaultTarget = new Capture()
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default',
      Target: defaultTarget,
    })
    expect(defaultTarget.asObject()).not.toEqual(ingestTarget.asObject())
  })

  it('gives the ingest function key hashes, never plaintext keys', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ INGEST_API_KEY_HASHES: `${HASH},${'b'.repeat(64)}` }) },
    })
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(Object.keys(fn.Properties.Environment.Variables)).not.toContain('INGEST_API_KEYS')
    }
  })

  it('sets the environment the functions read, with Cognito auth', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      {
        Environment: {
          Variables: Match.objectLike({
            TABLE_NAME: Match.anyValue(),
            REPORTS_BUCKET: Match.anyValue(),
            AUTH_MODE: 'cognito',
            COGNITO_USER_POOL_ID: Match.anyValue(),
            COGNITO_CLIENT_ID: Match.anyValue(),
            DASHBOARD_ORIGIN: ORIGIN,
          }),
        },
      },
      2,
    )
  })

  it('lets only the dashboard origin call the API from a browser', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: [ORIGIN] }),
    })
  })

  it('throttles the stage and writes access logs without client addresses', () => {
    const format = new Capture()
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: format },
    })
    expect(format.asString()).toContain('$context.requestId')
    expect(format.asString()).not.toContain('sourceIp')
  })

  it('lets the API function read and write only report objects, and the ingest function not at all', () => {
    const s3Statements = statements(template).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')))
    expect(s3Statements.flatMap(actionsOf).sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject'])
    expect(JSON.stringify(s3Statements)).toContain('/reports/*')
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:ListBucket',
            Condition: { StringLike: { 's3:prefix': ['reports/*'] } },
          }),
        ]),
      },
    })
  })

  it('keeps logs for a limited time', () => {
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 })
  })
})

describe('Auth', () => {
  const stack = testStack()
  new Auth(stack, 'Auth', { dashboardOrigin: ORIGIN, domainPrefix: 'ogd-test' })
  const template = Template.fromStack(stack)

  it('has the dga_admin and agency_exec groups', () => {
    for (const name of ['dga_admin', 'agency_exec']) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: name })
    }
  })

  it('has the agency custom attribute, no self sign-up, MFA and deletion protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'agency_ids', AttributeDataType: 'String', Mutable: true }),
      ]),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      DeletionProtection: 'ACTIVE',
    })
  })

  it('has a hosted UI domain and a public client that returns to the dashboard', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'ogd-test' })
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [`${ORIGIN}/`],
      PreventUserExistenceErrors: 'ENABLED',
    })
  })

  it('lets the client read the agency attribute but not write it', () => {
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]
    expect(client?.Properties.ReadAttributes).toContain('custom:agency_ids')
    expect(client?.Properties.WriteAttributes).not.toContain('custom:agency_ids')
  })
})

describe('Jobs', () => {
  const stack = testStack()
  new Jobs(stack, 'Jobs', { data: testData(stack), ckanUrl: 'https://ckan.example.org' })
  const template = Template.fromStack(stack)

  it('schedules the rollup every minute and the catalog sync daily, in Bangkok time', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', 2)
    template.allResourcesProperties('AWS::Scheduler::Schedule', {
      ScheduleExpressionTimezone: 'Asia/Bangkok',
    })
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(* * * * ? *)' })
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 3 * * ? *)' })
  })

  it('every schedule retries and has a dead-letter queue', () => {
    const dlq = template.findResources('AWS::SQS::Queue')
    const [dlqId] = Object.keys(dlq)
    template.allResourcesProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: Match.anyValue() }),
      }),
    })
  })

  it('runs the jobs by handler name, the rollup never twice at once, and gives the sync its CKAN URL', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.rollupHandler',
      ReservedConcurrentExecutions: 1,
    })
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.catalogSyncHandler',
      Environment: { Variables: Match.objectLike({ CKAN_URL: 'https://ckan.example.org' }) },
    })
  })

  it('the rollup times out before its five-minute lease expires', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.rollupHandler',
      Timeout: Match.anyValue(),
    })
    const rollup = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Handler === 'index.rollupHandler',
    )
    expect(rollup?.Properties.Timeout).toBeLessThan(300)
  })

  it('a catalog sync that fails after retries lands in the dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    })
  })

  it('the dead-letter queue is encrypted and TLS-only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true })
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    })
  })
})

describe('Web', () => {
  const hostedUi = 'https://ogd-test.auth.ap-southeast-1.amazoncognito.com'
  const build = (props: { domainName?: string; certificateArn?: string } = {}) => {
    const stack = testStack()
    const web = new Web(stack, 'Web', {
      accessLogs: new AccessLogs(stack, 'AccessLogs').bucket,
      hostedUiUrl: hostedUi,
      ...props,
    })
    return { stack, web }
  }
  const { stack, web } = build()
  web.deploy(WEB_DIST_FIXTURE, {
    apiUrl: 'https://api.example.org',
    auth: { region: 'ap-southeast-1', userPoolId: 'pool', clientId: 'client', hostedUiUrl: hostedUi },
  })
  const template = Template.fromStack(stack)

  it('serves a private bucket through origin access control over HTTPS only', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1)
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    })
  })

  it('sends security headers, with a CSP that allows only the API and the hosted UI', () => {
    const csp = new Capture()
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: 63072000,
            IncludeSubdomains: true,
          }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentSecurityPolicy: { ContentSecurityPolicy: csp, Override: true },
        }),
      }),
    })
    const policy = JSON.stringify(csp.asObject())
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain(`form-action 'self' ${hostedUi}`)
    expect(policy).toContain("frame-ancestors 'none'")
  })

  it('uploads the dashboard build with its runtime config and invalidates the cache', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      // the build, and config.json
      SourceObjectKeys: [Match.stringLikeRegexp('\\.zip$'), Match.stringLikeRegexp('\\.zip$')],
      DestinationBucketName: { Ref: Match.anyValue() },
      DistributionPaths: ['/*'],
      Prune: true,
    })
  })

  it('uses the custom domain and its certificate when given', () => {
    const custom = build({
      domainName: 'rankings.example.org',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    })
    expect(custom.web.origin).toBe('https://rankings.example.org')
    Template.fromStack(custom.stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['rankings.example.org'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021' }),
      }),
    })
  })
})

describe('Alarms', () => {
  const stack = testStack()
  const alarms = new Alarms(stack, 'Alarms', { email: 'ops@example.org' })
  const fn = lambda.Function.fromFunctionName(stack, 'Fn', 'job')
  alarms.watchFunction('Job', fn)
  alarms.watchFunction('Rollup', lambda.Function.fromFunctionName(stack, 'Rollup', 'rollup'), {
    errors: 3,
    throttles: false,
  })
  alarms.watchDeadLetters('Dlq', new sqs.Queue(stack, 'Queue', { enforceSSL: true }))
  const template = Template.fromStack(stack)

  it('alarms on errors, throttles and dead letters, all to the topic', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4)
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0]
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topic }] })
    for (const metric of ['Errors', 'Throttles', 'ApproximateNumberOfMessagesVisible']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metric, Threshold: 1 })
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Threshold: 3 })
  })

  it('the topic is encrypted with a key CloudWatch may use, and mails the alarm address', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() })
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } }),
        ]),
      },
    })
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    })
  })
})

describe('Email', () => {
  const stack = testStack()
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('export const handler = () => {}'),
  })
  const email = new Email(stack, 'Email', { mailFrom: 'reports@example.org' })
  email.grantSend(fn)
  const template = Template.fromStack(stack)

  it('creates the sender identity and lets a function send only as it', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'reports@example.org' })
    const send = statements(template).find((s) => actionsOf(s).includes('ses:SendEmail'))
    const identity = Object.keys(template.findResources('AWS::SES::EmailIdentity'))[0]
    expect(JSON.stringify(send?.Resource)).toContain(`":identity/",{"Ref":"${identity}"}`)
  })
})
