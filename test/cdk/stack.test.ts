import { App, Stack } from 'aws-cdk-lib'
import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { Api } from '../../cdk/constructs/api.js'
import { DataStore } from '../../cdk/constructs/data.js'
import { OgdRankingsStack } from '../../cdk/stack.js'

/** A test app that skips bundling (about 250 ms instead of 5 s per stack). */
const testApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } })

describe('DataStore', () => {
  const stack = new Stack(testApp(), 'Test')
  new DataStore(stack, 'Data')
  const template = Template.fromStack(stack)

  it('table is on-demand with point-in-time recovery and deletion protection', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    })
  })

  it('reports bucket blocks public access, is versioned and encrypted', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: Match.anyValue(),
    })
  })
})

describe('Api', () => {
  const stack = new Stack(testApp(), 'Test')
  new Api(stack, 'Api', { data: new DataStore(stack, 'Data'), ingestApiKeys: 'k1' })
  const template = Template.fromStack(stack)

  it('functions run Node.js 22 on arm64 with JSON logs', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      },
      2,
    )
  })

  it('routes downloads and events to the ingest function', () => {
    for (const route of ['GET /d/{resourceId}', 'POST /v1/events']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: route })
    }
  })

  it('log groups keep logs for a limited time', () => {
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 })
  })
})

describe('the whole stack', () => {
  it('synthesizes offline with an API URL output', () => {
    const stack = new OgdRankingsStack(testApp(), 'OgdRankings')
    const template = Template.fromStack(stack)
    expect(Object.keys(template.findOutputs('ApiUrl'))).toEqual(['ApiUrl'])
  })
})
