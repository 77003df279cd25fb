import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib'
import * as s3 from 'aws-cdk-lib/aws-s3'
import { Construct } from 'constructs'

export interface AccessLogsProps {
  /** Days access logs are kept. @default 90 */
  retentionDays?: number
}

/** The bucket that receives S3 server access logs and CloudFront standard logs of the other buckets. */
export class AccessLogs extends Construct {
  readonly bucket: s3.Bucket

  constructor(scope: Construct, id: string, props: AccessLogsProps = {}) {
    super(scope, id)
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs, so the bucket owner must be able to take them over.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [
        {
          expiration: Duration.days(props.retentionDays ?? 90),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    })
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access log bucket; logging it into itself would loop.',
    })
  }
}
