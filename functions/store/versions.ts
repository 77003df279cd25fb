import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { mapLimit } from '../util/concurrency.js'
import { queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import { PARTITIONS, versionKey } from './keys.js'

/**
 * Versions of what API processes cache (period counts, award programmes, targets): one small partition, so a
 * reader checks everything it holds with one query instead of rereading thousands of items.
 */

/** Moves the version of each key by one, after the thing it versions changed. */
export async function bumpVersions(keys: Iterable<string>): Promise<void> {
  await mapLimit([...new Set(keys)], 8, (key) =>
    dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: versionKey(key),
        UpdateExpression: 'ADD version :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    ),
  )
}

/** Every version, keyed as bumped (one query). */
export async function getVersions(): Promise<Map<string, number>> {
  const items = await queryPartition(PARTITIONS.versions)
  return new Map(items.map((i) => [i.sk as string, Number(i.version)]))
}

/** One key's version (0 before it was ever moved), read consistently: what its writer moves it from. */
export async function getVersion(versioned: string): Promise<number> {
  const out = await dynamo().send(
    new GetCommand({ TableName: table(), Key: versionKey(versioned), ConsistentRead: true }),
  )
  return Number(out.Item?.version ?? 0)
}
