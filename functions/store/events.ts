import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { CountableEvent } from '../../shared/counting/count-day.js'
import type { ClientClass } from '../../shared/counting/user-agent.js'
import type { Day } from '../../shared/time.js'
import { clock } from '../clock.js'
import { batchGet, batchPut, isConditionFailed, queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import {
  eventIdKey,
  eventKey,
  eventPartitionsOf,
  type Key,
  PARTITIONS,
  rollupDirtyKey,
  rollupIntentKey,
} from './keys.js'

/** A raw download event as stored: the source of truth every count is computed from. */
export interface StoredEvent extends CountableEvent {
  day: Day
  userAgent: string
  receivedAt: number
}

/** The keys among these that are already stored (for duplicate detection). */
export async function findExistingEvents(keys: readonly Key[]): Promise<Set<string>> {
  const items = await batchGet(keys, 'pk, sk')
  return new Set(items.map((i) => `${i.pk}|${i.sk}`))
}

function eventItem(e: StoredEvent) {
  return {
    ...eventKey(e.day, e.eventId),
    r: e.resourceId,
    d: e.datasetId,
    a: e.agencyId,
    t: e.at,
    c: e.client,
    ad: e.address,
    k: e.clientClass,
    ua: e.userAgent,
    s: e.sessionId,
    rt: e.receivedAt,
  }
}

/** Stores raw events; storing the same event twice leaves one item. */
export function saveEvents(events: readonly StoredEvent[]): Promise<void> {
  return batchPut(events.map(eventItem))
}

/**
 * Stores an event whose id the sender gave, exactly once: `stored`, or `duplicate` when the id is already
 * stored (for any day) or being stored by a concurrent request. Two conditional writes decide it, so the
 * answer is true under any concurrency: the id's claim for this day (a claim for another day refuses it), then
 * the event itself. A crash between them leaves a claim for this day, which the retry passes, so nothing
 * acknowledged or retried is lost.
 */
export async function saveEventOnce(e: StoredEvent): Promise<'stored' | 'duplicate'> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: { ...eventIdKey(e.eventId), day: e.day },
        ConditionExpression: 'attribute_not_exists(pk) OR #day = :day',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: { ':day': e.day },
      }),
    )
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: eventItem(e),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    return 'stored'
  } catch (err) {
    if (isConditionFailed(err)) return 'duplicate'
    throw err
  }
}

/** Every raw event of one Bangkok day. */
export async function listDayEvents(day: Day): Promise<StoredEvent[]> {
  const items = (await Promise.all(eventPartitionsOf(day).map((pk) => queryPartition(pk)))).flat()
  return items.map((i) => ({
    day,
    eventId: i.sk as string,
    resourceId: i.r as string,
    datasetId: i.d as string,
    agencyId: i.a as string,
    at: i.t as number,
    client: i.c as string,
    ...(i.ad ? { address: i.ad as string } : {}),
    clientClass: i.k as ClientClass,
    userAgent: (i.ua as string | undefined) ?? '',
    ...(i.s ? { sessionId: i.s as string } : {}),
    receivedAt: i.rt as number,
  }))
}

/** Marks days whose counts must be recomputed (late events); the marker holds when it was last set. */
export async function markDaysDirty(days: Iterable<Day>, now = clock.now()): Promise<void> {
  await batchPut([...new Set(days)].map((day) => ({ ...rollupDirtyKey(day), at: now })))
}

/** Days marked for recomputation, with the time each marker was set. */
export async function listDirtyDays(): Promise<{ day: Day; at: number }[]> {
  return (await queryPartition(PARTITIONS.rollupDirty)).map((i) => ({ day: i.sk as Day, at: i.at as number }))
}

/** Clears a day's marker unless it was set again after `at` (then the next rollup takes it). */
export async function clearDirtyDay(day: Day, at: number): Promise<void> {
  try {
    await dynamo().send(
      new DeleteCommand({
        TableName: table(),
        Key: rollupDirtyKey(day),
        ConditionExpression: '#at = :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': at },
      }),
    )
  } catch (err) {
    if (!isConditionFailed(err)) throw err
  }
}

/**
 * Notes the months a rollup is about to change. A rollup writes a day's counts before it moves its month
 * and fiscal year: killed in between, it leaves those short, and the note left behind says which to rebuild.
 */
export async function noteRollupIntent(months: readonly string[]): Promise<void> {
  await batchPut([{ ...rollupIntentKey, months: [...new Set(months)].sort() }])
}

/** The months of a rollup that never finished (its note is still there), or none. */
export async function interruptedRollupMonths(): Promise<string[]> {
  const [item] = await batchGet([rollupIntentKey])
  return (item?.months as string[] | undefined) ?? []
}

/** Removes the note once every count the rollup changed is written. */
export async function clearRollupIntent(): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: table(), Key: rollupIntentKey }))
}
