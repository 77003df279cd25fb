import { randomBytes } from 'node:crypto'
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { Day } from '../../shared/time.js'
import { batchWrite, isConditionFailed, queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'

const SALT_PK = 'SALT'
const cache = new Map<Day, Buffer>()

/**
 * The secret salt of a Bangkok day, created on first use. Client identities are keyed hashes with it, so
 * once it is deleted nobody (us included) can link a day's hashes back to an IP address.
 */
export async function getDaySalt(day: Day): Promise<Buffer> {
  const hit = cache.get(day)
  if (hit) return hit
  const key = { pk: SALT_PK, sk: day }
  const found = await dynamo().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }))
  let salt = found.Item?.salt as string | undefined
  if (!salt) {
    const fresh = randomBytes(32).toString('base64')
    try {
      await dynamo().send(
        new PutCommand({
          TableName: table(),
          Item: { ...key, salt: fresh, createdAt: Date.now() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      salt = fresh
    } catch (err) {
      if (!isConditionFailed(err)) throw err
      const again = await dynamo().send(
        new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }),
      )
      salt = again.Item?.salt as string
    }
  }
  const buf = Buffer.from(salt, 'base64')
  if (cache.size > 500) cache.clear()
  cache.set(day, buf)
  return buf
}

/** Deletes the salts of days before `day` (explicitly: the embedded store has no TTL). Returns how many. */
export async function deleteSaltsBefore(day: Day): Promise<number> {
  const old = (await queryPartition(SALT_PK)).filter((i) => (i.sk as string) < day)
  await batchWrite(old.map((i) => ({ DeleteRequest: { Key: { pk: SALT_PK, sk: i.sk } } })))
  for (const d of cache.keys()) if (d < day) cache.delete(d)
  return old.length
}
