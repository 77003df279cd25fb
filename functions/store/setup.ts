import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb'
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3'
import { bucket, dynamo, s3, table } from './clients.js'

/** Creates the table when it is missing (local runtime and tests; in AWS the CDK stack owns it). */
export async function ensureTable(): Promise<void> {
  try {
    await dynamo().send(new DescribeTableCommand({ TableName: table() }))
    return
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err
  }
  await dynamo().send(
    new CreateTableCommand({
      TableName: table(),
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  )
  for (let i = 0; i < 100; i++) {
    const { Table } = await dynamo().send(new DescribeTableCommand({ TableName: table() }))
    if (Table?.TableStatus === 'ACTIVE') return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`Table ${table()} did not become active`)
}

/** Creates the reports bucket when it is missing. */
export async function ensureBucket(): Promise<void> {
  if (await bucketExists()) return
  try {
    await s3().send(new CreateBucketCommand({ Bucket: bucket() }))
  } catch (err) {
    // The first look may have failed for a passing reason (a busy embedded server just restarted after a
    // kill): a bucket that is there now is the one this data directory made.
    if (!(await bucketExists())) throw err
  }
}

async function bucketExists(): Promise<boolean> {
  try {
    await s3().send(new HeadBucketCommand({ Bucket: bucket() }))
    return true
  } catch {
    return false
  }
}
