import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { DeliveryResponse } from '../../shared/api.js'
import { clock } from '../clock.js'
import { isConditionFailed, queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import { deliveriesPartition, deliveryKey } from './keys.js'
import type { StoredSubscription } from './subscriptions.js'

/** Which email a delivery record is for: one per report month, report version and subscription. */
export interface DeliveryKey {
  month: string
  version: number
  subscriptionId: string
}

const keyOf = (k: DeliveryKey) => deliveryKey(k.month, k.version, k.subscriptionId)

/**
 * Claims the sending of one email: true when this run may send it. A claim succeeds when no record exists,
 * when the last attempt failed, or when another run claimed it before `staleBefore` (ms) and never finished
 * (it crashed or timed out); a `sent` record, or a fresh claim by another run, refuses it.
 */
export async function claimDelivery(
  key: DeliveryKey,
  subscription: StoredSubscription,
  claimant: string,
  now: number,
  staleBefore: number,
): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: keyOf(key),
        UpdateExpression:
          'SET #month = :month, #version = :version, subscriptionId = :sub, email = :email, #scope = :scope, #locale = :locale, #status = :sending, claimant = :claimant, claimedAt = :now, updatedAt = :at ADD attempts :one',
        ConditionExpression:
          'attribute_not_exists(pk) OR #status = :failed OR (#status = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: {
          '#month': 'month',
          '#version': 'version',
          '#scope': 'scope',
          '#locale': 'locale',
          '#status': 'status',
        },
        ExpressionAttributeValues: {
          ':month': key.month,
          ':version': key.version,
          ':sub': key.subscriptionId,
          ':email': subscription.email,
          ':scope': subscription.scope,
          ':locale': subscription.locale,
          ':sending': 'sending',
          ':failed': 'failed',
          ':claimant': claimant,
          ':now': now,
          ':stale': staleBefore,
          ':at': new Date(now).toISOString(),
          ':one': 1,
        },
      }),
    )
    return true
  } catch (err) {
    if (isConditionFailed(err)) return false
    throw err
  }
}

/**
 * Records the outcome of a claimed delivery, only while this run still holds the claim (a run whose claim
 * went stale and was taken over leaves the record to the run that took it).
 */
async function finishDelivery(
  key: DeliveryKey,
  claimant: string,
  outcome: { status: 'sent'; messageId: string } | { status: 'failed'; error: string },
  now: number,
): Promise<boolean> {
  const sent = outcome.status === 'sent'
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: keyOf(key),
        UpdateExpression: sent
          ? 'SET #status = :status, messageId = :detail, updatedAt = :at REMOVE #error'
          : 'SET #status = :status, #error = :detail, updatedAt = :at',
        ConditionExpression: 'claimant = :claimant AND #status = :sending',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':detail': sent ? outcome.messageId : outcome.error,
          ':at': new Date(now).toISOString(),
          ':claimant': claimant,
          ':sending': 'sending',
        },
      }),
    )
    return true
  } catch (err) {
    if (isConditionFailed(err)) return false
    throw err
  }
}

/** Marks a claimed delivery sent, with the transport's message id. */
export const markDeliverySent = (key: DeliveryKey, claimant: string, messageId: string, now = clock.now()) =>
  finishDelivery(key, claimant, { status: 'sent', messageId }, now)

/** Marks a claimed delivery failed, with the error (the next run retries it). */
export const markDeliveryFailed = (key: DeliveryKey, claimant: string, error: string, now = clock.now()) =>
  finishDelivery(key, claimant, { status: 'failed', error: error.slice(0, 1000) }, now)

/** Every delivery record of a report month, in version then subscription order. */
export async function listDeliveries(month: string): Promise<DeliveryResponse[]> {
  const items = await queryPartition(deliveriesPartition(month))
  return items.map((i) => ({
    month: i.month as string,
    version: Number(i.version),
    subscriptionId: i.subscriptionId as string,
    email: i.email as string,
    scope: i.scope as string,
    locale: i.locale as 'th' | 'en',
    status: i.status as DeliveryResponse['status'],
    attempts: Number(i.attempts ?? 0),
    ...(typeof i.messageId === 'string' ? { messageId: i.messageId } : {}),
    ...(typeof i.error === 'string' ? { error: i.error } : {}),
    updatedAt: i.updatedAt as string,
  }))
}
