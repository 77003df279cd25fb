import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { CountableEvent } from '../../shared/counting/count-day.js'
import type { ClientClass } from '../../shared/counting/user-agent.js'
import { addDays, bangkokDay, type Day, dayStart } from '../../shared/time.js'
import { clock } from '../clock.js'
import { batchGet, batchPut, isConditionFailed, queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import {
  eventIdKey,
  eventKey,
  eventPartitionsOf,
  type Key,
  PARTITIONS,
  PENDING_ATTRIBUTE,
  PENDING_INDEX,
  pendingShard,
  pendingShards,
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

/**
 * Whether the rollup counts an event incrementally: one of the day it was received or the day before (older
 * days are marked dirty and recounted whole, as late events always were).
 */
export const isLiveEvent = (e: Pick<StoredEvent, 'day' | 'receivedAt'>) =>
  e.day >= addDays(bangkokDay(e.receivedAt), -1)

/** The attributes of a stored event, without its key (the rollup's copies use them too). */
export function eventAttributes(e: StoredEvent) {
  return {
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
    p: e.portal,
  }
}

/**
 * How long raw events stay in the table: two years after their day (DynamoDB's TTL removes them). Days are
 * archived to S3 long before (functions/jobs/archive.ts), once they can no longer receive events.
 */
export const EVENT_RETENTION_DAYS = 730

function eventItem(e: StoredEvent, pending = isLiveEvent(e)) {
  return {
    ...eventKey(e.day, e.eventId),
    expiresAt: Math.floor(dayStart(addDays(e.day, EVENT_RETENTION_DAYS)) / 1000),
    ...(pending ? { [PENDING_ATTRIBUTE]: pendingShard(e.eventId) } : {}),
    ...eventAttributes(e),
  }
}

/** Stores raw events; storing the same event twice leaves one item. */
export function saveEvents(events: readonly StoredEvent[]): Promise<void> {
  return batchPut(events.map((e) => eventItem(e)))
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
  return items.map((i) => eventOf(day, i))
}

/**
 * Events stored since the rollup last counted (those still in the pending index), at most about `limit`.
 * The index is eventually consistent: an event stored a moment ago may show in the next rollup instead.
 */
export async function listPendingEvents(limit = 20_000): Promise<StoredEvent[]> {
  const perShard = Math.ceil(limit / pendingShards().length)
  const found = await Promise.all(
    pendingShards().map(async (shard) => {
      const items: Record<string, unknown>[] = []
      let start: Record<string, unknown> | undefined
      do {
        const out = await dynamo().send(
          new QueryCommand({
            TableName: table(),
            IndexName: PENDING_INDEX,
            KeyConditionExpression: '#p = :p',
            ExpressionAttributeNames: { '#p': PENDING_ATTRIBUTE },
            ExpressionAttributeValues: { ':p': shard },
            Limit: perShard - items.length,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        )
        items.push(...(out.Items ?? []))
        start = out.LastEvaluatedKey
      } while (start && items.length < perShard)
      return items
    }),
  )
  return found.flat().map((i) => eventOf((i.pk as string).split('#')[1] as Day, i))
}

/** Takes counted events out of the pending index (their items are written again without the marker). */
export function clearPendingEvents(events: readonly StoredEvent[]): Promise<void> {
  return batchPut(events.map((e) => eventItem(e, false)))
}

/** A raw event of `day` from its stored item (raw events and the rollup's copies share the attributes). */
export function eventOf(day: Day, i: Record<string, unknown>): StoredEvent {
  return {
    day,
    eventId: (i.id as string | undefined) ?? (i.sk as string),
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
    ...(i.p ? { portal: i.p as string } : {}),
  }
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
export async function noteRollupIntent(months: readonly string[], days: readonly Day[] = []): Promise<void> {
  await batchPut([
    { ...rollupIntentKey, months: [...new Set(months)].sort(), days: [...new Set(days)].sort() },
  ])
}

/** The months of a rollup that never finished (its note is still there), or none. */
export async function interruptedRollupMonths(): Promise<string[]> {
  return (await interruptedRollup()).months
}

/** The months, and the days counted incrementally, of a rollup that never finished (its note is still there). */
export async function interruptedRollup(): Promise<{ months: string[]; days: Day[] }> {
  const [item] = await batchGet([rollupIntentKey])
  return {
    months: (item?.months as string[] | undefined) ?? [],
    days: (item?.days as Day[] | undefined) ?? [],
  }
}

/** Removes the note once every count the rollup changed is written. */
export async function clearRollupIntent(): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: table(), Key: rollupIntentKey }))
}
