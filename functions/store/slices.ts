import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { isZeroCounts } from '../../shared/counting/count-day.js'
import type { SubjectCounts } from '../../shared/counting/period-counts.js'
import { type Leaders, NO_LEADERS } from '../../shared/counting/slices.js'
import { addDays, type Day, dayStart } from '../../shared/time.js'
import { mapLimit } from '../util/concurrency.js'
import { batchGet, batchPut, batchWrite, queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import { countAttributes, toCounts } from './counts.js'
import { eventAttributes, eventOf, type StoredEvent } from './events.js'
import {
  countsPartition,
  countsSk,
  rollupReadyKey,
  type Subject,
  sessionKey,
  sliceKey,
  slicePartitionsOf,
  slicePrefix,
} from './keys.js'

/**
 * What incremental counting keeps besides the counts (see docs/decisions.md, incremental counting): each
 * counted event again under its address and day (a slice), how many addresses share each session the sender
 * named, and each day count's busiest addresses. All of it is needed only while a day can still receive
 * events (today and yesterday), so it expires by TTL three days after its day.
 */
const expiresAt = (day: Day) => Math.floor(dayStart(addDays(day, 4)) / 1000)

/** The counted events of some addresses on a day, by address (one query each). */
export async function getAddressEvents(
  day: Day,
  addresses: readonly string[],
): Promise<Map<string, StoredEvent[]>> {
  const lists = await mapLimit(addresses, 16, async (address) => {
    const { pk, prefix } = slicePrefix(day, address)
    return (await queryPartition(pk, prefix)).map((i) => eventOf(day, i))
  })
  return new Map(addresses.map((a, i) => [a, lists[i] as StoredEvent[]]))
}

/** Keeps counted events under their addresses (writing one again changes nothing). */
export function saveSliceEvents(day: Day, events: readonly { address: string; event: StoredEvent }[]) {
  return batchPut(
    events.map(({ address, event }) => ({
      ...sliceKey(day, address, event.eventId),
      id: event.eventId,
      ...eventAttributes(event),
      expiresAt: expiresAt(day),
    })),
  )
}

/** The ids of every event kept for a day (projection only: a day recounted whole writes what is missing). */
export async function listSliceEventIds(day: Day): Promise<Set<string>> {
  const ids = new Set<string>()
  await Promise.all(
    slicePartitionsOf(day).map(async (pk) => {
      let start: Record<string, unknown> | undefined
      do {
        const out = await dynamo().send(
          new QueryCommand({
            TableName: table(),
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ProjectionExpression: 'id',
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        )
        for (const i of out.Items ?? []) ids.add(i.id as string)
        start = out.LastEvaluatedKey
      } while (start)
    }),
  )
  return ids
}

/** How many addresses counted a download in each of these (dataset, session) pairs of a day (absent: none). */
export async function getSessionAddresses(
  day: Day,
  pairs: readonly { datasetId: string; sessionId: string }[],
): Promise<Map<string, number>> {
  const items = await batchGet(pairs.map((p) => sessionKey(day, p.datasetId, p.sessionId)))
  return new Map(items.map((i) => [i.sk as string, Number(i.n)]))
}

/** Sets session counts of a day (`datasetId#sessionId` → addresses); 0 deletes. */
export function putSessionAddresses(day: Day, counts: ReadonlyMap<string, number>): Promise<void> {
  const { pk } = sessionKey(day, '', '')
  return batchWrite(
    [...counts].map(([sk, n]) =>
      n > 0
        ? { PutRequest: { Item: { pk, sk, n, expiresAt: expiresAt(day) } } }
        : { DeleteRequest: { Key: { pk, sk } } },
    ),
  )
}

/** Replaces every session count of a day (a day recounted whole). */
export async function replaceSessionAddresses(day: Day, counts: ReadonlyMap<string, number>): Promise<void> {
  const { pk } = sessionKey(day, '', '')
  const stale = (await queryPartition(pk)).map((i) => i.sk as string).filter((sk) => !counts.has(sk))
  await putSessionAddresses(day, new Map([...stale.map((sk) => [sk, 0] as const), ...counts]))
}

/** A day's count of one agency or dataset with its busiest addresses. */
export interface LiveCounts {
  counts: SubjectCounts
  leaders: Leaders
}

/** Some subjects' day counts with their leaders (absent: no events yet). */
export async function getLiveCounts(day: Day, subject: Subject, ids: readonly string[]) {
  const pk = countsPartition({ day })
  const items = await batchGet(ids.map((id) => ({ pk, sk: countsSk(subject, id) })))
  const out = new Map<string, LiveCounts>()
  for (const item of items) {
    const counts: SubjectCounts = toCounts(item)
    const leaders =
      typeof item.top === 'string' ? { top: JSON.parse(item.top), bound: Number(item.tb ?? 0) } : NO_LEADERS
    out.set((item.sk as string).slice(2), { counts, leaders })
  }
  return out
}

/** Writes day counts with their leaders (counts with nothing left are deleted). */
export function putLiveCounts(day: Day, subject: Subject, counts: ReadonlyMap<string, LiveCounts>) {
  const pk = countsPartition({ day })
  return batchWrite(
    [...counts].map(([id, { counts: c, leaders }]) => {
      const sk = countsSk(subject, id)
      if (isZeroCounts(c)) return { DeleteRequest: { Key: { pk, sk } } }
      const item = { pk, sk, ...countAttributes(c), top: JSON.stringify(leaders.top), tb: leaders.bound }
      return { PutRequest: { Item: item } }
    }),
  )
}

/** Whether a day's counts are kept incrementally (its slices hold every event counted). */
export async function isDayReady(day: Day): Promise<boolean> {
  return (await batchGet([rollupReadyKey(day)])).length > 0
}

/** Marks a day's counts as kept incrementally from now on. */
export function markDayReady(day: Day): Promise<void> {
  return batchPut([{ ...rollupReadyKey(day), expiresAt: expiresAt(day) }])
}
