import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { testData, testStack } from './support.js'

const _HASH = 'a'.repeat(64)

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

  it('table has the sparse index of events the rollup has not counted yet', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'pending',
          KeySchema: [
            { AttributeName: 'pp', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
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
        Rules: [
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 400 } }),
          // Read-model snapshots: only the newest is of use.
          Match.objectLike({
            Prefix: 'read-model/',
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          }),
        ],
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
