import { createHash } from 'node:crypto'
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { SubscriptionResponse } from '../../shared/api.js'
import { isConditionFailed, queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import { PARTITIONS, subscriptionKey } from './keys.js'

/** A scheduled email subscription as stored: the API's entry, plus who created it and when. */
export interface StoredSubscription extends SubscriptionResponse {
  createdBy: string
  createdAt: string
}

// Every subscription in one partition (`pk = SUBSCRIPTION`, `sk = <id>`): a few hundred officials, read whole
// by every sending run and every list.

/**
 * The id of a subscription: derived from its scope and address (case-insensitive), so the same address and
 * scope is one subscription, kept unique by the key itself.
 */
export function subscriptionId(email: string, scope: string): string {
  return `sub-${createHash('sha256').update(`${scope}\n${email.toLowerCase()}`).digest('hex').slice(0, 24)}`
}

const fromItem = ({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) =>
  rest as unknown as StoredSubscription

/** Stores a subscription unless one with its id exists; answers the stored one and whether it was new. */
export async function createSubscription(
  subscription: StoredSubscription,
): Promise<{ created: boolean; subscription: StoredSubscription }> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: { ...subscriptionKey(subscription.id), ...subscription },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    return { created: true, subscription }
  } catch (err) {
    if (!isConditionFailed(err)) throw err
    const existing = await getSubscription(subscription.id)
    // Deleted between the two calls: a retry of the request creates it.
    if (!existing) throw err
    return { created: false, subscription: existing }
  }
}

/** The subscription with this id, if any. */
export async function getSubscription(id: string): Promise<StoredSubscription | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: table(), Key: subscriptionKey(id), ConsistentRead: true }),
  )
  return out.Item ? fromItem(out.Item) : undefined
}

/** Every subscription, in id order. */
export async function listSubscriptions(): Promise<StoredSubscription[]> {
  return (await queryPartition(PARTITIONS.subscriptions)).map(fromItem)
}

/** Deletes a subscription; answers what was deleted (undefined when there was nothing). */
export async function deleteSubscription(id: string): Promise<StoredSubscription | undefined> {
  const out = await dynamo().send(
    new DeleteCommand({ TableName: table(), Key: subscriptionKey(id), ReturnValues: 'ALL_OLD' }),
  )
  return out.Attributes ? fromItem(out.Attributes) : undefined
}
