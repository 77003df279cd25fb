import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb'
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3'
import { bucket, dynamo, s3, table } from './clients.js'
import { PENDING_ATTRIBUTE, PENDING_INDEX } from './keys.js'

/** The rollup's index of events not counted yet (store/keys.ts); the CDK stack declares the same. */
const PENDING_INDEX_SPEC = {
  IndexName: PENDING_INDEX,
  KeySchema: [
    { AttributeName: PENDING_ATTRIBUTE, KeyType: 'HASH' as const },
    { AttributeName: 'sk', KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
}
const ATTRIBUTES = [
  { AttributeName: 'pk', AttributeType: 'S' as const },
  { AttributeName: 'sk', AttributeType: 'S' as const },
  { AttributeName: PENDING_ATTRIBUTE, AttributeType: 'S' as const },
]

/** Creates the table when it is missing (local runtime and tests; in AWS the CDK stack owns it). */
export async function ensureTable(): Promise<void> {
  let existing: TableDescription | undefined
  try {
    existing = (await dynamo().send(new DescribeTableCommand({ TableName: table() }))).Table
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err
  }
  if (!existing) {
    await dynamo().send(
      new CreateTableCommand({
        TableName: table(),
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ATTRIBUTES,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [PENDING_INDEX_SPEC],
      }),
    )
  } else if (!existing.GlobalSecondaryIndexes?.some((i) => i.IndexName === PENDING_INDEX)) {
    // A data directory from before incremental counting: its table gains the index.
    await dynamo().send(
      new UpdateTableCommand({
        TableName: table(),
        AttributeDefinitions: ATTRIBUTES,
        GlobalSecondaryIndexUpdates: [{ Create: PENDING_INDEX_SPEC }],
      }),
    )
  } else if (isActive(existing)) return
  for (let i = 0; i < 600; i++) {
    const { Table } = await dynamo().send(new DescribeTableCommand({ TableName: table() }))
    if (Table && isActive(Table)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`Table ${table()} did not become active`)
}

const isActive = (t: TableDescription) =>
  t.TableStatus === 'ACTIVE' && (t.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')

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
