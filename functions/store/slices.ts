import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { isZeroCounts } from '../../shared/counting/count-day.js'
import type { SubjectCounts } from '../../shared/counting/period-counts.js'
import { type Leaders, NO_LEADERS } from '../../shared/counting/slices.js'
import type { ClientClass } from '../../shared/counting/user-agent.js'
import { addDays, type Day, dayStart } from '../../shared/time.js'
import { mapLimit } from '../util/concurrency.js'
import { batchGet, batchPut, batchWrite, queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import { addCountsExpression, countAttributes, toCounts } from './counts.js'
import type { StoredEvent } from './events.js'
import {
  countsPartition,
  countsSk,
  parseSliceSk,
  rollupReadyKey,
  type Subject,
  sessionKey,
  sliceKey,
  slicePartitionsOf,
} from './keys.js'

/**
 * What incremental counting keeps besides the counts (see docs/decisions.md, incremental counting): the
 * counted events again under their address and day (a slice: one small item per address, more for a busy one), how many addresses share each session the sender
 * named, and each day count's busiest addresses. All of it is needed only while a day can still receive
 * events (today and yesterday), so it expires by TTL three days after its day.
 */
const expiresAt = (day: Day) => Math.floor(dayStart(addDays(day, 4)) / 1000)

/**
 * Above this many characters of encoded events, an address's day goes on in a new item: a rollup rewrites only
 * an address's last item, so what it writes for a busy address stays small (about 40 events an item).
 */
const CHUNK_CHARS = 6_000

/** An address's counted events of a day as kept: its items' events, in order (the last is the one that grows). */
export type KeptEvents = StoredEvent[][]

/** Encodes one item's events compactly: each user agent and client once, then one row per event. */
function encodeEvents(events: readonly StoredEvent[]): string {
  const lists = { u: [] as string[], c: [] as string[] }
  const indexes = { u: new Map<string, number>(), c: new Map<string, number>() }
  const indexOf = (list: 'u' | 'c', value: string) => {
    let i = indexes[list].get(value)
    if (i === undefined) {
      i = lists[list].push(value) - 1
      indexes[list].set(value, i)
    }
    return i
  }
  const rows = events.map((e) => [
    e.eventId,
    e.resourceId,
    e.datasetId,
    e.agencyId,
    e.at,
    indexOf('c', e.client),
    e.clientClass,
    indexOf('u', e.userAgent),
    e.sessionId ?? 0,
    e.receivedAt,
    e.address === undefined ? 0 : 1,
    e.portal ?? 0,
  ])
  return JSON.stringify({ ...lists, e: rows })
}

/** One event as encoded; its portal (absent in rows kept before portals: the default one) last. */
type Row = [
  string,
  string,
  string,
  string,
  number,
  number,
  ClientClass,
  number,
  string | 0,
  number,
  0 | 1,
  (string | 0)?,
]

/** The events of one item of `address` (an event keeps its address only if it came with one). */
function decodeEvents(day: Day, address: string, text: string): StoredEvent[] {
  const { u, c, e } = JSON.parse(text) as { u: string[]; c: string[]; e: Row[] }
  return e.map(
    ([eventId, resourceId, datasetId, agencyId, at, client, clientClass, ua, session, rt, a, p]) => ({
      day,
      eventId,
      resourceId,
      datasetId,
      agencyId,
      at,
      client: c[client] as string,
      ...(a ? { address } : {}),
      clientClass,
      userAgent: u[ua] as string,
      ...(session !== 0 ? { sessionId: session } : {}),
      receivedAt: rt,
      ...(p ? { portal: p } : {}),
    }),
  )
}

/** Every kept address's events from its items (an item past the count its first item names is left over). */
function keptFromItems(day: Day, items: readonly Record<string, unknown>[]): Map<string, KeptEvents> {
  const chunks = new Map<string, Map<number, StoredEvent[]>>()
  const counts = new Map<string, number>()
  for (const item of items) {
    // Items kept one per event (before one item per address) are skipped: their day is recounted whole.
    if (typeof item.ev !== 'string') continue
    const { address, chunk } = parseSliceSk(item.sk as string)
    const of = chunks.get(address) ?? new Map<number, StoredEvent[]>()
    of.set(chunk, decodeEvents(day, address, item.ev as string))
    chunks.set(address, of)
    if (chunk === 0) counts.set(address, Number(item.n ?? 1))
  }
  const out = new Map<string, KeptEvents>()
  for (const [address, n] of counts) {
    const of = chunks.get(address) as Map<number, StoredEvent[]>
    out.set(
      address,
      Array.from({ length: n }, (_, i) => of.get(i) ?? []),
    )
  }
  return out
}

/**
 * The counted events of some addresses on a day: one item read per address (a busy address, one per ~40
 * events), by batched key reads. Absent: nothing kept.
 */
export async function getAddressEvents(
  day: Day,
  addresses: readonly string[],
): Promise<Map<string, KeptEvents>> {
  const firsts = await batchGet(addresses.map((a) => sliceKey(day, a, 0)))
  const rest = firsts.flatMap((i) => {
    const { address } = parseSliceSk(i.sk as string)
    return Array.from({ length: Number(i.n ?? 1) - 1 }, (_, c) => sliceKey(day, address, c + 1))
  })
  return keptFromItems(day, [...firsts, ...(await batchGet(rest))])
}

/**
 * Adds new events to what is kept of their addresses (`kept`, as read): each address's last item is written
 * again with them, further items when it is full. Its first item, which says how many there are, is written
 * last, so a write cut short leaves at most items nobody reads (a recount of the day writes them again).
 */
export async function keepAddressEvents(
  day: Day,
  kept: ReadonlyMap<string, KeptEvents>,
  fresh: ReadonlyMap<string, readonly StoredEvent[]>,
): Promise<void> {
  const firsts: Record<string, unknown>[] = []
  const others: Record<string, unknown>[] = []
  for (const [address, events] of fresh) {
    if (events.length === 0) continue
    const before = kept.get(address) ?? []
    const chunks = before.map((c) => [...c])
    if (chunks.length === 0) chunks.push([])
    const from = chunks.length - 1
    for (const e of events) {
      const last = chunks[chunks.length - 1] as StoredEvent[]
      last.push(e)
      if (last.length > 1 && encodeEvents(last).length > CHUNK_CHARS) chunks.push([last.pop() as StoredEvent])
    }
    const written = new Set([...Array.from({ length: chunks.length - from }, (_, i) => from + i)])
    if (chunks.length !== before.length) written.add(0)
    for (const c of written) {
      const item = {
        ...sliceKey(day, address, c),
        ev: encodeEvents(chunks[c] as StoredEvent[]),
        ...(c === 0 ? { n: chunks.length } : {}),
        expiresAt: expiresAt(day),
      }
      ;(c === 0 ? firsts : others).push(item)
    }
  }
  await batchPut(others)
  await batchPut(firsts)
}

/** Keeps counted events under their addresses (keeping one again changes nothing). */
export async function saveSliceEvents(day: Day, events: readonly { address: string; event: StoredEvent }[]) {
  const byAddress = new Map<string, StoredEvent[]>()
  for (const { address, event } of events) byAddress.set(address, [...(byAddress.get(address) ?? []), event])
  const kept = await getAddressEvents(day, [...byAddress.keys()])
  await keepAddressEvents(day, kept, newEventsOf(kept, byAddress))
}

/** Of events by address, those not kept yet (each once). */
export function newEventsOf(
  kept: ReadonlyMap<string, KeptEvents>,
  arriving: ReadonlyMap<string, readonly StoredEvent[]>,
): Map<string, StoredEvent[]> {
  const out = new Map<string, StoredEvent[]>()
  for (const [address, events] of arriving) {
    const known = new Set((kept.get(address) ?? []).flat().map((e) => e.eventId))
    const fresh = events.filter((e) => !known.has(e.eventId) && known.add(e.eventId))
    if (fresh.length > 0) out.set(address, fresh)
  }
  return out
}

/** Everything kept for a day, by address (a day recounted whole writes what is missing). */
export async function listKeptEvents(day: Day): Promise<Map<string, KeptEvents>> {
  const items = await Promise.all(slicePartitionsOf(day).map((pk) => queryPartition(pk)))
  return keptFromItems(day, items.flat())
}

/**
 * Moves how many addresses counted a download in each (dataset, session) pair of a day (`datasetId#sessionId`
 * → by how many), with `ADD`: nothing is read. Answers each pair's count before and after.
 */
export async function moveSessionAddresses(
  day: Day,
  moves: ReadonlyMap<string, number>,
): Promise<Map<string, { before: number; after: number }>> {
  const { pk } = sessionKey(day, '', '')
  const out = new Map<string, { before: number; after: number }>()
  await mapLimit([...moves], 16, async ([sk, by]) => {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: { pk, sk },
        UpdateExpression: 'ADD n :by SET expiresAt = :x',
        ExpressionAttributeValues: { ':by': by, ':x': expiresAt(day) },
        ReturnValues: 'UPDATED_NEW',
      }),
    )
    const after = Number(Attributes?.n ?? 0)
    out.set(sk, { before: after - by, after })
  })
  return out
}

/** Sets session counts of a day (`datasetId#sessionId` → addresses); 0 deletes. */
function putSessionAddresses(day: Day, counts: ReadonlyMap<string, number>): Promise<void> {
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

/** A day count item as stored, with its leaders. */
function liveCountsOf(item: Record<string, unknown>): LiveCounts {
  const counts: SubjectCounts = toCounts(item)
  const leaders =
    typeof item.top === 'string' ? { top: JSON.parse(item.top), bound: Number(item.tb ?? 0) } : NO_LEADERS
  return { counts, leaders }
}

/**
 * Adds a difference to one subject's day count with `ADD` (nothing is read: the item comes back from the
 * write) and answers the count after it, with its leaders as they were.
 */
export async function addToLiveCounts(
  day: Day,
  subject: Subject,
  id: string,
  delta: SubjectCounts,
): Promise<LiveCounts> {
  // Every field but the busiest addresses' (moved with the leaders): a count's item always has them all.
  const { Attributes } = await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: { pk: countsPartition({ day }), sk: countsSk(subject, id) },
      ...addCountsExpression(delta, ['topClientDownloads']),
      ReturnValues: 'ALL_NEW',
    }),
  )
  return liveCountsOf(Attributes ?? {})
}

/** Sets a day count's leaders and moves its busiest addresses' downloads by `topDelta` (or deletes a count left empty). */
export async function setLiveLeaders(
  day: Day,
  subject: Subject,
  id: string,
  leaders: Leaders,
  topDelta: number,
  empty = false,
): Promise<void> {
  const Key = { pk: countsPartition({ day }), sk: countsSk(subject, id) }
  if (empty) {
    await dynamo().send(new DeleteCommand({ TableName: table(), Key }))
    return
  }
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key,
      UpdateExpression: 'SET #top = :top, tb = :tb ADD topClientDownloads :d',
      ExpressionAttributeNames: { '#top': 'top' },
      ExpressionAttributeValues: {
        ':top': JSON.stringify(leaders.top),
        ':tb': leaders.bound,
        ':d': topDelta,
      },
    }),
  )
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
