import { Capture, Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { API_WRITE_PARTITIONS, Api } from '../../cdk/constructs/api.js'
import { Auth } from '../../cdk/constructs/auth.js'
import { actionsOf, policyStatements, testData, testStack } from './support.js'

const ORIGIN = 'https://dashboard.example.org'
const HASH = 'a'.repeat(64)

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

  it('tells the API function where the hosted UI is', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ COGNITO_DOMAIN: Match.anyValue() }) },
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

  it('lets the API function read report objects (it presigns downloads) and write only ceremony packs and read-model snapshots, and the ingest function not at all', () => {
    const s3Statements = policyStatements(template).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('s3:')),
    )
    expect(s3Statements.flatMap(actionsOf)).toEqual([
      's3:GetObject',
      's3:PutObject',
      's3:GetObject',
      's3:PutObject',
    ])
    const [read, write, snapshots] = s3Statements.map((s) => JSON.stringify(s))
    expect(read).toContain('/reports/*')
    expect(write).toContain('/reports/certificates/*')
    expect(write).not.toContain('/reports/*')
    expect(snapshots).toContain('/read-model/*')
    expect(snapshots).not.toContain('/reports/')
  })

  it('lets the API function read the table, and write only the partitions DGA and executives change', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'))
    const apiPolicy = policies.find((p) =>
      JSON.stringify(p.Properties.Roles).includes('ApiFunctionServiceRole'),
    )
    const statements = (apiPolicy?.Properties.PolicyDocument.Statement ?? []) as {
      Action: string | string[]
      Condition?: Record<string, Record<string, string[]>>
    }[]
    const dynamo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')))
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ]
    const unconditional = dynamo.filter((s) => !s.Condition).flatMap((s) => [s.Action].flat())
    expect(unconditional).toContain('dynamodb:Query')
    expect(unconditional.filter((a) => writes.includes(a))).toEqual([])
    const conditional = dynamo.filter((s) => s.Condition)
    expect(conditional).toHaveLength(1)
    expect([conditional[0]?.Action].flat().sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ])
    expect(conditional[0]?.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toEqual(
      API_WRITE_PARTITIONS,
    )
  })

  it('lets the public-facing ingest function touch only the items ingest needs', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'))
    const ingestPolicy = policies.find((p) =>
      JSON.stringify(p.Properties.Roles).includes('IngestFunctionServiceRole'),
    )
    const statements = (ingestPolicy?.Properties.PolicyDocument.Statement ?? []) as {
      Action: string | string[]
      Condition?: Record<string, Record<string, string[]>>
    }[]
    const dynamo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')))
    expect(dynamo).toHaveLength(1)
    expect([dynamo[0]?.Action].flat().sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
    ])
    expect(dynamo[0]?.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toEqual([
      'CATALOG#RESOURCE#*',
      'SALT',
      'EVENT#*',
      'ROLLUP#DIRTY',
    ])
  })

  it('keeps logs for a limited time', () => {
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 })
  })

  it('tells both functions the portals events may name when ckanUrls is given', () => {
    const other = testStack()
    const portals = 'national=https://ckan.example.org,opdc=https://opdc.example.org'
    new Api(other, 'Api', {
      data: testData(other),
      auth: new Auth(other, 'Auth', { dashboardOrigin: ORIGIN, domainPrefix: 'ogd-test' }),
      dashboardOrigin: ORIGIN,
      ingestApiKeyHashes: [`opdc:${HASH}`],
      ckanUrls: portals,
    })
    Template.fromStack(other).resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { Environment: { Variables: Match.objectLike({ CKAN_URLS: portals }) } },
      2,
    )
  })
})
