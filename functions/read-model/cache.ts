import type { CountsById } from '../../shared/counting/period-counts.js'
import { countsVersionKey, getSubjectCounts, type Period, type Subject } from '../store/counts.js'
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

/** How many items a cached value holds: a map's or list's size (a ranking's `items`), otherwise 1. */
function weigh(value: unknown): number {
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
 * callers share one computation, and a failed one is forgotten.
 */
export function memoize<T>(key: string, stamp: string, compute: () => Promise<T>): Promise<T> {
  const hit = memo.get(key)
  if (hit && hit.stamp === stamp) {
    memo.delete(key)
    memo.set(key, hit) // most recently used last
    return hit.value as Promise<T>
  }
  forget(key)
  const value = compute()
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

/** The agencies' or datasets' counts of a period, from the cache when they have not changed. */
export function cachedPeriodCounts(
  versions: Versions,
  period: Period,
  subject: Subject,
): Promise<CountsById> {
  return memoize(`counts|${countsVersionKey(period)}|${subject}`, periodStamp(versions, period), () =>
    getSubjectCounts(period, subject),
  )
}
