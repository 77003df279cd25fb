import type { CountsById } from '../../shared/counting/period-counts.js'
import { countsVersionKey, getSubjectCounts, type Period, type Subject } from '../store/counts.js'
import { getVersions } from '../store/versions.js'

/**
 * Reads of month and fiscal-year counts (and what is built from them), cached in the process and checked
 * against version items (one small query, at most once a second): a national period holds tens of thousands
 * of count items, far too many to reread per request, and they change only when a rollup runs.
 */

/** Entries kept, least recently used dropped first: a national period's dataset counts take a few MB. */
const MAX_ENTRIES = 48
const memo = new Map<string, { stamp: string; value: Promise<unknown> }>()

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
  const value = compute()
  memo.set(key, { stamp, value })
  value.catch(() => {
    if (memo.get(key)?.value === value) memo.delete(key)
  })
  while (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value as string)
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
