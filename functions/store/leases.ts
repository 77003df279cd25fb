import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { isConditionFailed } from './batch.js'
import { dynamo, table } from './clients.js'
import { leaseKey } from './keys.js'

// `leaseUntil` (ms) rather than `expiresAt`: the table's TTL attribute is in seconds and leases are released
// explicitly, or taken over once they run out.

/** Takes a lease on a named job so two runs never work at once; false when another holds it. */
export async function acquireLease(name: string, holder: string, ttlMs: number, now = Date.now()) {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: { ...leaseKey(name), holder, leaseUntil: now + ttlMs },
        ConditionExpression:
          'attribute_not_exists(pk) OR attribute_not_exists(leaseUntil) OR leaseUntil < :now OR holder = :holder',
        ExpressionAttributeValues: { ':now': now, ':holder': holder },
      }),
    )
    return true
  } catch (err) {
    if (isConditionFailed(err)) return false
    throw err
  }
}

/** Gives a lease back. */
export async function releaseLease(name: string, holder: string): Promise<void> {
  try {
    await dynamo().send(
      new DeleteCommand({
        TableName: table(),
        Key: leaseKey(name),
        ConditionExpression: 'holder = :holder',
        ExpressionAttributeValues: { ':holder': holder },
      }),
    )
  } catch (err) {
    if (!isConditionFailed(err)) throw err
  }
}

/**
 * Renews a held lease every third of its time until stopped, so a short lease can cover long work: a holder
 * that dies (a killed process) is taken over within `ttlMs`, not after the longest work could last.
 */
export function keepLease(name: string, holder: string, ttlMs: number): () => void {
  const timer = setInterval(() => {
    acquireLease(name, holder, ttlMs).catch(() => undefined) // the next beat tries again
  }, ttlMs / 3)
  timer.unref()
  return () => clearInterval(timer)
}
