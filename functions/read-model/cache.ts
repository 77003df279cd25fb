import {
  type CountsById,
  type PackedCounts,
  packCounts,
  unpackCounts,
} from '../../shared/counting/period-counts.js'
import { countChangesBetween } from '../store/count-changes.js'
import {
  countsVersionKey,
  getCountsIn,
  getSubjectCounts,
  type Period,
  type Subject,
} from '../store/counts.js'
import { getSnapshot, putSnapshotLater, readSnapshotsUsed } from '../store/read-snapshots.js'
import { getVersions } from '../store/versions.js'

/**
 * Reads of month and fiscal-year counts (and what is built from them), cached in the process and checked
 * against version items (one small query, at most once a second): a national period holds tens of thousands
 * of count items, far too many to reread per request, and they change only when a rollup runs.
 */

/**
 * What the cache keeps, least recently used dropped first: at most this many entries, and at most this many
 * counted items in all (a national period's dataset counts, tens of thousands of items, take a few MB; a
 * ranking, an award standing or a target list weighs what it lists). A September report's working set (the
 * year's months, the year before for comparison, three earlier years' shape) fits with room.
 */
const MAX_ENTRIES = 256
const MAX_WEIGHT = 1_500_000
const memo = new Map<string, { stamp: string; value: Promise<unknown>; weight: number }>()
let weight = 0

/** How many items a cached value holds: its own `weight`, a map's or list's size (a ranking's `items`), else 1. */
function weigh(value: unknown): number {
  const own = (value as { weight?: unknown } | null)?.weight
  if (typeof own === 'number') return Math.max(1, own)
  if (value instanceof Map || value instanceof Set) return Math.max(1, value.size)
  if (Array.isArray(value)) return Math.max(1, value.length)
  const items = (value as { items?: unknown } | null)?.items
  return Array.isArray(items) ? Math.max(1, items.length) : 1
}

function forget(key: string): void {
  const entry = memo.get(key)
  if (!entry) return
  memo.delete(key)
  weight -= entry.weight
}

/** Drops the least recently used entries until the cache is within its bounds, never `keep`. */
function evict(keep: string): void {
  for (const key of memo.keys()) {
    if (memo.size <= MAX_ENTRIES && weight <= MAX_WEIGHT) return
    if (key !== keep) forget(key)
  }
}

/**
 * The value cached under `key` while `stamp` (the versions it was built from) is unchanged; concurrent
 * callers share one computation, and a failed one is forgotten. `compute` is given the value cached under
 * the key for another stamp, if any, to start from.
 */
export function memoize<T>(
  key: string,
  stamp: string,
  compute: (previous?: { stamp: string; value: Promise<T> }) => Promise<T>,
): Promise<T> {
  const hit = memo.get(key)
  if (hit && hit.stamp === stamp) {
    memo.delete(key)
    memo.set(key, hit) // most recently used last
    return hit.value as Promise<T>
  }
  forget(key)
  // What was cached under the key before (another version), for a computation that can start from it.
  const value = compute(hit && { stamp: hit.stamp, value: hit.value as Promise<T> })
  const entry = { stamp, value: value as Promise<unknown>, weight: 1 }
  memo.set(key, entry)
  weight += 1
  value.then(
    (resolved) => {
      if (memo.get(key) !== entry) return
      const w = weigh(resolved)
      weight += w - entry.weight
      entry.weight = w
      evict(key)
    },
    () => {
      if (memo.get(key) === entry) forget(key)
    },
  )
  evict(key)
  return value
}

/**
 * How long a read of the versions serves later requests. Counts already lag ingest by the rollup interval
 * (a minute on AWS), so a second more is invisible, and it spares the store a query per request.
 */
const VERSIONS_MAX_AGE_MS = 1000
let versions: { at: number; value: Promise<Map<string, number>> } | undefined

/** The versions of every period's counts, read at most once a second (concurrent requests share the read). */
export function readVersions(): Promise<Map<string, number>> {
  const now = Date.now()
  if (!versions || now - versions.at >= VERSIONS_MAX_AGE_MS) {
    const value = getVersions()
    const entry = { at: now, value }
    versions = entry
    value.catch(() => {
      if (versions === entry) versions = undefined
    })
  }
  return versions.value
}

/** Forgets everything cached (a process as it starts; benchmarks of a first read). */
export function clearReadCache(): void {
  for (const key of [...memo.keys()]) forget(key)
  versions = undefined
  snapshotted.clear()
}

/** Forgets the versions read last, so the next request reads them again (after this process wrote). */
export function forgetVersions(): void {
  versions = undefined
}

/** A snapshot of the versions, for one request: every cached read it makes is checked against it. */
export type Versions = Map<string, number>

/** The version stamp of anything versioned (see store/versions.ts). */
export const stampOf = (versions: Versions, key: string) => String(versions.get(key) ?? 0)

/** The version stamp of a period's counts. */
export const periodStamp = (versions: Versions, period: Period) => stampOf(versions, countsVersionKey(period))

/**
 * The agencies' or datasets' counts of a period, from the cache when they have not changed. When the counts
 * cached are of an earlier version of a month or fiscal year, only the items changed since are read again
 * (store/count-changes.ts); without their change lists, the period is read whole.
 */
export function cachedPeriodCounts(
  versions: Versions,
  period: Period,
  subject: Subject,
): Promise<CountsById> {
  const to = versions.get(countsVersionKey(period)) ?? 0
  const key = `counts|${countsVersionKey(period)}|${subject}`
  return memoize(key, String(to), async (previous) => {
    if ('day' in period) return getSubjectCounts(period, subject)
    const from = previous ? Number(previous.stamp) : Number.NaN
    if (previous && from < to) {
      const [held, changed] = await Promise.all([
        previous.value.catch(() => undefined),
        cachedCountChanges(period, subject, from, to),
      ])
      if (held && changed) {
        const counts = await patchedCounts(held, period, subject, changed)
        if (to - (snapshotted.get(key) ?? 0) >= SNAPSHOT_EVERY) saveSnapshot(key, period, subject, to, counts)
        return counts
      }
    }
    const fromSnapshot = await countsFromSnapshot(key, period, subject, to)
    if (fromSnapshot) return fromSnapshot
    const whole = await getSubjectCounts(period, subject)
    saveSnapshot(key, period, subject, to, whole)
    return whole
  })
}

/**
 * A snapshot is written after this many versions since the last one this process wrote or read (a rollup a
 * minute: every half hour), and read only within `SNAPSHOT_MAX_LAG` versions of the counts (change lists of
 * two hours of rollups are a few thousand ids; further behind, the period is read whole).
 */
export const SNAPSHOT_EVERY = 30
export const SNAPSHOT_MAX_LAG = 120
const snapshotted = new Map<string, number>()

/** The version of the snapshot this process last wrote or read under a cache key (0: none). */
export const snapshotVersion = (key: string) => snapshotted.get(key) ?? 0

/** Notes the version of a snapshot this process wrote or read under a cache key. */
export const noteSnapshot = (key: string, version: number) => void snapshotted.set(key, version)

/** A month or a fiscal year: the periods whose counts have change lists and snapshots. */
export type StoredPeriod = Exclude<Period, { day: string }>

/** The name of a snapshot of a period's counts or of the order ranked from them. */
export const snapshotName = (kind: 'counts' | 'order', period: StoredPeriod, subject: Subject) =>
  `${kind}/${'month' in period ? period.month : `fy${period.fy}`}/${subject}`

/**
 * The ids a period's counts changed between two versions (store/count-changes.ts), or undefined when they must
 * be read whole: read once for the counts and the order ranked from them (one list held per period and subject).
 */
export function cachedCountChanges(
  period: StoredPeriod,
  subject: Subject,
  from: number,
  to: number,
): Promise<string[] | undefined> {
  return memoize(`changes|${countsVersionKey(period)}|${subject}`, `${from}-${to}`, () =>
    countChangesBetween(period, subject, from, to),
  )
}

/** A period's counts from its snapshot and the changes since, or undefined when there is none to use. */
async function countsFromSnapshot(
  key: string,
  period: StoredPeriod,
  subject: Subject,
  to: number,
): Promise<CountsById | undefined> {
  if (!readSnapshotsUsed()) return undefined
  const snapshot = await getSnapshot<PackedCounts>(snapshotName('counts', period, subject)).catch(
    () => undefined,
  )
  if (!snapshot || snapshot.version > to || to - snapshot.version > SNAPSHOT_MAX_LAG) return undefined
  snapshotted.set(key, snapshot.version)
  const counts = unpackCounts(snapshot.data)
  if (snapshot.version === to) return counts
  const changed = await cachedCountChanges(period, subject, snapshot.version, to)
  if (!changed) return undefined
  // Patched in place: the counts were just unpacked, nothing else holds them.
  const patched = await patchedCounts(counts, period, subject, changed, { inPlace: true })
  if (to - snapshot.version >= SNAPSHOT_EVERY) saveSnapshot(key, period, subject, to, patched)
  return patched
}

/**
 * Writes a snapshot of counts as of version `to` in the background. Counts read while a rollup wrote may hold
 * some of the next version's changes: harmless, since a reader of the snapshot rereads everything that
 * version changed.
 */
function saveSnapshot(
  key: string,
  period: StoredPeriod,
  subject: Subject,
  to: number,
  counts: CountsById,
): void {
  if (!readSnapshotsUsed()) return
  snapshotted.set(key, to)
  putSnapshotLater(snapshotName('counts', period, subject), { version: to, data: packCounts(counts) })
}

/**
 * Counts held for an earlier version, with the items of `changed` read again: in a new map (the old one is
 * shared with requests still using it), or `inPlace` in the one given when nothing else holds it.
 */
async function patchedCounts(
  held: CountsById,
  period: Period,
  subject: Subject,
  changed: readonly string[],
  { inPlace = false } = {},
): Promise<CountsById> {
  const [fresh] = (await getCountsIn(subject, [period], changed)) as [CountsById]
  const next = inPlace ? held : new Map(held)
  for (const id of changed) {
    const counts = fresh.get(id)
    if (counts) next.set(id, counts)
    else next.delete(id)
  }
  return next
}
