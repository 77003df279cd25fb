import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib'
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb'
import * as iam from 'aws-cdk-lib/aws-iam'
import * as s3 from 'aws-cdk-lib/aws-s3'
import { Construct, type IConstruct } from 'constructs'
import { PENDING_ATTRIBUTE, PENDING_INDEX, READ_MODEL_PREFIX } from '../../functions/store/keys.js'

/** Prefix of the monthly reports in the reports bucket (`reports/monthly/YYYY-MM/…`). */
export const REPORTS_PREFIX = 'reports/'
/** Prefix of the raw-event archive in the same bucket (one compressed object per day; functions/store/archive.ts). */
export const ARCHIVE_PREFIX = 'archive/'
/** Where ceremony packs of certified award results are kept (functions/store/certifications.ts). */
export const CERTIFICATES_PREFIX = `${REPORTS_PREFIX}certificates/`

export interface DataStoreProps {
  /** Receives the reports bucket's server access logs. */
  accessLogs: s3.IBucket
  /** Days an overwritten or deleted report object stays recoverable. @default 400 */
  reportVersionDays?: number
}

/** The product's storage: one DynamoDB table (events, counts, catalog) and the reports bucket. */
export class DataStore extends Construct {
  readonly table: dynamodb.TableV2
  readonly reports: s3.Bucket

  constructor(scope: Construct, id: string, props: DataStoreProps) {
    super(scope, id)
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      // Epoch seconds, for items that must not outlive their use (raw events two years after their day, the
      // rollup's incremental state three days after); everything else never expires.
      timeToLiveAttribute: 'expiresAt',
      // Events not counted yet: the rollup reads this sparse index, not the day (functions/store/keys.ts).
      globalSecondaryIndexes: [
        {
          indexName: PENDING_INDEX,
          partitionKey: { name: PENDING_ATTRIBUTE, type: dynamodb.AttributeType.STRING },
          sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    })
    // Reading the table reads its one index too (the rollup's pending events); grantReadData names it by `index/*`.
    Validations.of(Stack.of(this)).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.table.node.defaultChild as dynamodb.CfnGlobalTable)}.Arn>/index/*]`,
      reason: "The table's only index is the rollup's pending events; readers of the table may read it.",
    })
    this.reports = new s3.Bucket(this, 'Reports', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'reports-bucket/',
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(props.reportVersionDays ?? 400),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        // Read-model snapshots are rewritten every half hour and only the newest is of use (the shorter of
        // two overlapping expirations applies).
        { prefix: READ_MODEL_PREFIX, noncurrentVersionExpiration: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    })
  }

  /**
   * Lets `grantee` use only these item actions, and only on items whose partition key matches one of
   * `partitionKeys` (IAM `dynamodb:LeadingKeys`, `*` as a wildcard). For the public-facing ingest function:
   * a flaw there cannot read or change counts, targets or the audit log.
   */
  grantItems(grantee: iam.IGrantable, actions: string[], partitionKeys: string[]): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: actions.map((a) => `dynamodb:${a}`),
      resourceArns: [this.table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': partitionKeys } },
    })
  }

  /**
   * Lets `grantee` list, read and write report objects, only under `reports/` (`read`: only read them, what a
   * presigned download needs). Nothing is deleted: a new version of a month is written next to the old ones.
   */
  grantReports(grantee: iam.IGrantable & IConstruct, access: 'read' | 'readWrite' = 'readWrite'): void {
    if (access === 'read') {
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['s3:GetObject'],
        resourceArns: [this.reports.arnForObjects(`${REPORTS_PREFIX}*`)],
      })
      this.acknowledgeReportsPrefix(grantee)
      return
    }
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:GetObject', 's3:PutObject'],
      resourceArns: [this.reports.arnForObjects(`${REPORTS_PREFIX}*`)],
    })
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucket'],
      resourceArns: [this.reports.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${REPORTS_PREFIX}*`] } },
    })
    this.acknowledgeReportsPrefix(grantee)
  }

  /** Lets `grantee` read (`read`) or also write (`readWrite`) the raw-event archive, only under `archive/`. */
  grantArchive(grantee: iam.IGrantable & IConstruct, access: 'read' | 'readWrite' = 'read'): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'],
      resourceArns: [this.reports.arnForObjects(`${ARCHIVE_PREFIX}*`)],
    })
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.reports.node.defaultChild as s3.CfnBucket)}.Arn>/${ARCHIVE_PREFIX}*]`,
      reason: 'Archive objects are named by day; the grant is limited to the archive/ prefix.',
    })
  }

  /** Lets the API read and write the read model's snapshots (functions/store/read-snapshots.ts), only those. */
  grantReadModel(grantee: iam.IGrantable & IConstruct): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:GetObject', 's3:PutObject'],
      resourceArns: [this.reports.arnForObjects(`${READ_MODEL_PREFIX}*`)],
    })
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.reports.node.defaultChild as s3.CfnBucket)}.Arn>/${READ_MODEL_PREFIX}*]`,
      reason: 'Snapshots are named by period and subject; the grant is limited to the read-model/ prefix.',
    })
  }

  /** Lets a function write ceremony packs (the reports bucket's `reports/certificates/`), besides reading. */
  grantCertificates(grantee: iam.IGrantable & IConstruct): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:PutObject'],
      resourceArns: [this.reports.arnForObjects(`${CERTIFICATES_PREFIX}*`)],
    })
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.reports.node.defaultChild as s3.CfnBucket)}.Arn>/${CERTIFICATES_PREFIX}*]`,
      reason:
        'Ceremony packs are named by fiscal year and pack; the grant is limited to reports/certificates/.',
    })
  }

  private acknowledgeReportsPrefix(grantee: IConstruct): void {
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.reports.node.defaultChild as s3.CfnBucket)}.Arn>/${REPORTS_PREFIX}*]`,
      reason: 'Report objects are named by month and version; the grant is limited to the reports/ prefix.',
    })
  }
}
