import { randomBytes } from 'node:crypto'
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { type Day, dayStart } from '../../shared/time.js'
import { clock } from '../clock.js'
import { batchWrite, isConditionFailed, queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import { PARTITIONS, saltKey } from './keys.js'

/**
 * How long a process keeps a salt in memory. Another process (the rollup) deletes salts that are no longer
 * needed; a warm Lambda must not keep one alive for days after that.
 */
export const SALT_CACHE_MS = 10 * 60_000
const cache = new Map<Day, { salt: Buffer; until: number }>()
const inFlight = new Map<Day, Promise<Buffer>>()

/**
 * The secret salt of a Bangkok day, created on first use. Client identities are keyed hashes with it, so
 * once it is deleted nobody (us included) can link a day's hashes back to an IP address.
 */
export async function getDaySalt(day: Day, now = clock.now()): Promise<Buffer> {
  const hit = cache.get(day)
  if (hit && hit.until > now) return hit.salt
  // Downloads that arrive together when the cached salt ran out share one read.
  let loading = inFlight.get(day)
  if (!loading) {
    loading = loadDaySalt(day, now).finally(() => inFlight.delete(day))
    inFlight.set(day, loading)
  }
  return loading
}

async function loadDaySalt(day: Day, now: number): Promise<Buffer> {
  const key = saltKey(day)
  const found = await dynamo().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }))
  let salt = found.Item?.salt as string | undefined
  if (!salt) {
    const fresh = randomBytes(32).toString('base64')
    try {
      await dynamo().send(
        new PutCommand({
          TableName: table(),
          // On AWS, TTL removes the salt even if the rollup that deletes it stopped running (a backstop).
          Item: {
            ...key,
            salt: fresh,
            createdAt: now,
            expiresAt: Math.floor(dayStart(day) / 1000) + 3 * 86_400,
          },
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
  cache.set(day, { salt: buf, until: now + SALT_CACHE_MS })
  return buf
}

/** Deletes the salts of days before `day` (explicitly: the embedded store has no TTL). Returns how many. */
export async function deleteSaltsBefore(day: Day): Promise<number> {
  const old = (await queryPartition(PARTITIONS.salts)).filter((i) => (i.sk as string) < day)
  await batchWrite(old.map((i) => ({ DeleteRequest: { Key: saltKey(i.sk as string) } })))
  for (const d of cache.keys()) if (d < day) cache.delete(d)
  return old.length
}
