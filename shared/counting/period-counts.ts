import { type NameOrder, namePositions, placeAmong } from '../ranking.js'
import {
  addCounts,
  COUNT_FIELDS,
  type CountField,
  type Counts,
  combinePortals,
  isZeroCounts,
  withPortals,
  ZERO_COUNTS,
} from './count-day.js'

/**
 * The arithmetic of stored counts: a day's, a month's or a fiscal year's counts are sums of the days below
 * them, kept up to date by differences, and ranked against an earlier standing. Pure, so each rule has a
 * table-driven test without a store (test/unit/period-counts.test.ts).
 */

/** Counts of one agency or dataset in a period; `agencyId` is set on datasets. */
export type SubjectCounts = Counts & { agencyId?: string }

/** One subject's counts in a period, by agency or dataset id (absent: no activity). */
export type CountsById = Map<string, SubjectCounts>

/**
 * One subject's counts in columns, for a snapshot: the ids, each one's agency as an index into `agencies` (-1:
 * none), one column per count field (`COUNT_FIELDS` order) and the portal breakdowns of the few that have one.
 * Columns of numbers parse several times faster than rows or objects, and no field name is repeated per item.
 */
export interface PackedCounts {
  ids: string[]
  agencies: string[]
  agency: number[]
  fields: number[][]
  byPortal: [index: number, portals: Record<string, number>][]
}

/** Counts in columns, for a snapshot. */
export function packCounts(counts: CountsById): PackedCounts {
  const agencies: string[] = []
  const agencyIndex = new Map<string, number>()
  const packed: PackedCounts = {
    ids: [],
    agencies,
    agency: [],
    fields: COUNT_FIELDS.map(() => []),
    byPortal: [],
  }
  for (const [id, c] of counts) {
    const k = packed.ids.push(id) - 1
    let a = -1
    if (c.agencyId !== undefined) {
      a = agencyIndex.get(c.agencyId) ?? agencies.push(c.agencyId) - 1
      agencyIndex.set(c.agencyId, a)
    }
    packed.agency.push(a)
    COUNT_FIELDS.forEach((f, i) => {
      packed.fields[i]?.push(c[f])
    })
    if (c.byPortal) packed.byPortal.push([k, c.byPortal])
  }
  return packed
}

/**
 * Counts back from columns (as `packCounts` took them). Each item is built as one literal, so every item has
 * the same shape from the start (a national period is 100,000 of them, read by a new process's first request).
 */
export function unpackCounts(packed: PackedCounts): CountsById {
  const counts: CountsById = new Map()
  const { ids } = packed
  const at = countsAt(packed)
  for (let k = 0; k < ids.length; k++) counts.set(ids[k] as string, at(k))
  return counts
}

/** The counts of the k-th row of packed columns (its portals included), built as one literal. */
function countsAt(packed: Omit<PackedCounts, 'ids'>): (k: number) => SubjectCounts {
  const { agencies, agency } = packed
  const portals = new Map(packed.byPortal)
  const column = (field: CountField) => packed.fields[COUNT_FIELDS.indexOf(field)] ?? []
  const [d, u, m, r, dc, h, t] = [
    column('downloads'),
    column('uniqueDownloads'),
    column('machineDownloads'),
    column('robots'),
    column('doubleClicks'),
    column('harvesters'),
    column('topClientDownloads'),
  ]
  return (k) => {
    const c: SubjectCounts = {
      downloads: d[k] ?? 0,
      uniqueDownloads: u[k] ?? 0,
      machineDownloads: m[k] ?? 0,
      robots: r[k] ?? 0,
      doubleClicks: dc[k] ?? 0,
      harvesters: h[k] ?? 0,
      topClientDownloads: t[k] ?? 0,
    } satisfies Record<CountField, number>
    const a = agency[k] ?? -1
    if (a >= 0) c.agencyId = agencies[a]
    const byPortal = portals.get(k)
    if (byPortal) c.byPortal = byPortal
    return c
  }
}

/**
 * A counted order in columns, for a snapshot: each entry's id as `at` (a catalog index, or the id itself for an
 * id outside the catalog) and its counts as `packCounts` packs them, so a new process rebuilds the order without
 * the period's counts: no lookup of 100,000 ids, no sort.
 */
export interface PackedOrder extends Omit<PackedCounts, 'ids'> {
  at: (number | string)[]
}

/** An order in columns; `place` gives an id's catalog index (undefined: the id is kept as it is). */
export function packOrder(
  order: readonly RankedCounts[],
  place: (id: string) => number | undefined,
): PackedOrder {
  const { ids: _, ...columns } = packCounts(new Map(order.map((r) => [r.id, r.counts])))
  return { ...columns, at: order.map((r) => place(r.id) ?? r.id) }
}

/** An order back from its columns, ranked by its downloads (`idAt` names a catalog index's id). */
export function unpackOrder(packed: PackedOrder, idAt: (index: number) => string): RankedCounts[] {
  const at = countsAt(packed)
  const order = new Array<RankedCounts>(packed.at.length)
  let rank = 0
  for (let k = 0; k < order.length; k++) {
    const where = packed.at[k] as number | string
    const counts = at(k)
    if (k === 0 || counts.downloads !== (order[k - 1] as RankedCounts).counts.downloads) rank = k + 1
    order[k] = { id: typeof where === 'number' ? idAt(where) : where, counts, rank, rankChange: null }
  }
  return order
}

/** Counts of a period: its agencies' and its datasets'. */
export interface PeriodCounts {
  agencies: CountsById
  datasets: CountsById
}

export const SUBJECTS = ['agencies', 'datasets'] as const satisfies readonly (keyof PeriodCounts)[]

export const emptyPeriodCounts = (): PeriodCounts => ({ agencies: new Map(), datasets: new Map() })

/** Each id's counts summed over periods (a month from its days, a fiscal year to date from its months). */
export function sumCounts(periods: readonly CountsById[]): CountsById {
  const total: CountsById = new Map()
  for (const counts of periods) {
    for (const [id, c] of counts) {
      const before = total.get(id)
      const agencyId = c.agencyId ?? before?.agencyId
      total.set(id, { ...addCounts(before ?? ZERO_COUNTS, c), ...(agencyId ? { agencyId } : {}) })
    }
  }
  return total
}

/** Both subjects of periods summed. */
export const sumPeriodCounts = (periods: readonly PeriodCounts[]): PeriodCounts => ({
  agencies: sumCounts(periods.map((p) => p.agencies)),
  datasets: sumCounts(periods.map((p) => p.datasets)),
})

/**
 * Downloads of a standing without one of its periods: an entry's (its `counts` in the whole) less `part`'s, per
 * id (a fiscal year without its latest month is what "change since last month" compares with). Read per entry as
 * a ranking asks, so no standing of 100,000 entries is built for the ranks it gives, nor the whole's counts read
 * again: the ranked entry carries them.
 */
export function downloadsWithout(part: CountsById): (id: string, counts: Counts) => number {
  return (id, counts) => Math.max(0, counts.downloads - (part.get(id)?.downloads ?? 0))
}

/** Downloads of a standing, per id (none: zero). */
export const downloadsIn =
  (counts: CountsById) =>
  (id: string): number =>
    counts.get(id)?.downloads ?? 0

/** `next - prev`, field by field (either may be absent: no activity). */
export function countsDifference(next: Counts | undefined, prev: Counts | undefined): Counts {
  const d: Counts = { ...ZERO_COUNTS }
  for (const f of COUNT_FIELDS) d[f] = (next?.[f] ?? 0) - (prev?.[f] ?? 0)
  return withPortals(d, combinePortals(next?.byPortal, prev?.byPortal, -1))
}

/**
 * What changed between a period's counts before and after a recount: for each id whose counts differ, the
 * difference (what to add to the periods above it), with the dataset's agency as counted now.
 */
export function countChanges(next: CountsById, prev: CountsById): CountsById {
  const changes: CountsById = new Map()
  for (const id of new Set([...next.keys(), ...prev.keys()])) {
    const delta = countsDifference(next.get(id), prev.get(id))
    if (isZeroCounts(delta)) continue
    const agencyId = next.get(id)?.agencyId ?? prev.get(id)?.agencyId
    changes.set(id, { ...delta, ...(agencyId ? { agencyId } : {}) })
  }
  return changes
}

/** Both subjects' changes. */
export const periodCountChanges = (next: PeriodCounts, prev: PeriodCounts): PeriodCounts => ({
  agencies: countChanges(next.agencies, prev.agencies),
  datasets: countChanges(next.datasets, prev.datasets),
})

/** A ranked entry with how many places it moved since the earlier standing (null: not ranked then). */
export interface RankedCounts {
  id: string
  counts: SubjectCounts
  rank: number
  rankChange: number | null
}

/**
 * Ranks ids by their downloads (ties shared; unique downloads, the Thai name, then the id to order equals), with rank
 * change against the same ids' earlier standing (positive is up): `previous` gives each id's downloads in a
 * comparable earlier period (shared/ranking-periods.ts; `downloadsOf`, `downloadsWithout`), or is undefined when
 * there is none, and then every change is null. An entry without downloads now or then has no change either: a
 * tie at zero is not a rank to move from or to.
 */
export function rankWithChange(
  ids: Iterable<string>,
  current: CountsById,
  previous: ((id: string, counts: Counts) => number) | undefined,
  name: (id: string) => string,
  order?: NameOrder,
): RankedCounts[] {
  return withRankChanges(rankCounts(ids, current, name, order), previous)
}

/**
 * Ranks ids by their downloads as `rankWithChange` does, every change null: the counted order alone (award
 * standings read it without waiting for the earlier standing's counts).
 */
export function rankCounts(
  ids: Iterable<string>,
  current: CountsById,
  name: (id: string) => string,
  order?: NameOrder,
): RankedCounts[] {
  const list = [...ids]
  const n = list.length
  // Ranked as `rankCompetition` ranks (downloads, unique downloads, Thai name), by sorting positions over
  // numbers: a national dataset ranking sorts 100,000 ids, and collating names in the sort (or building an
  // object per entry) cost far more than the comparisons. Names are compared by their place in Thai order.
  const position = namePositions(list, (i) => name(list[i] as string), order)
  const of = list.map((id) => current.get(id) ?? ZERO_COUNTS)
  const downloads = Float64Array.from(of, (c) => c.downloads)
  const unique = Float64Array.from(of, (c) => c.uniqueDownloads)
  const sorted = Array.from({ length: n }, (_, i) => i)
  // The id last, so the order is the same whatever order the ids come in (`patchCountedOrder` relies on it).
  sorted.sort(
    (a, b) =>
      (downloads[b] as number) - (downloads[a] as number) ||
      (unique[b] as number) - (unique[a] as number) ||
      (position[a] as number) - (position[b] as number) ||
      compareIds(list[a] as string, list[b] as string),
  )
  const out = new Array<RankedCounts>(n)
  let rank = 0
  for (let k = 0; k < n; k++) {
    const i = sorted[k] as number
    if (k === 0 || downloads[i] !== downloads[sorted[k - 1] as number]) rank = k + 1
    out[k] = { id: list[i] as string, counts: of[i] as SubjectCounts, rank, rankChange: null }
  }
  return out
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * A counted order (`rankCounts`) brought up to new counts after only the `changed` ids' counts changed: their
 * entries taken out and put back where the order places them now (a binary search each), every rank given again.
 * Equal to `rankCounts` over the new ids and counts at a fraction of its cost: a rollup changes a few hundred of a
 * national period's 100,000 datasets, whose order is otherwise sorted again. `ranked` tells whether an id is
 * ranked without counts (an active entry of the catalog); `names` is the order `rankCounts` was given. Undefined
 * when a changed id is outside `names` (its place among other unlisted names is not known here): rank it whole.
 * `owned`: the order's entries belong to the caller alone (just built), so ranks are set on them in place.
 */
export function patchCountedOrder(
  order: readonly RankedCounts[],
  changed: Iterable<string>,
  current: CountsById,
  ranked: (id: string) => boolean,
  name: (id: string) => string,
  names: NameOrder,
  { owned = false } = {},
): RankedCounts[] | undefined {
  interface Placed {
    id: string
    counts: SubjectCounts
    place: number
  }
  const moved = new Set(changed)
  const placed: Placed[] = []
  for (const id of moved) {
    const counts = current.get(id)
    if (!counts && !ranked(id)) continue
    const place = names.position.get(id)
    if (place === undefined) return undefined
    placed.push({ id, counts: counts ?? ZERO_COUNTS, place })
  }
  // Whether `a` comes before `b` in the order `rankCounts` sorts by (a kept entry's place found when needed).
  const before = (a: Placed, b: Placed | RankedCounts): boolean => {
    if (a.counts.downloads !== b.counts.downloads) return a.counts.downloads > b.counts.downloads
    if (a.counts.uniqueDownloads !== b.counts.uniqueDownloads) {
      return a.counts.uniqueDownloads > b.counts.uniqueDownloads
    }
    const place = 'place' in b ? b.place : (names.position.get(b.id) ?? placeAmong(names, name(b.id)))
    return a.place !== place ? a.place < place : a.id < b.id
  }
  const kept = moved.size === 0 ? order : order.filter((r) => !moved.has(r.id))
  placed.sort((a, b) => (a === b ? 0 : before(a, b) ? -1 : 1))
  const out: RankedCounts[] = []
  let from = 0
  for (const p of placed) {
    // The first kept entry `p` comes before, at or after `from` (the placed ones are in order).
    let lo = from
    let hi = kept.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (before(p, kept[mid] as RankedCounts)) hi = mid
      else lo = mid + 1
    }
    for (let k = from; k < lo; k++) out.push(kept[k] as RankedCounts)
    out.push({ id: p.id, counts: p.counts, rank: 0, rankChange: null })
    from = lo
  }
  for (let k = from; k < kept.length; k++) out.push(kept[k] as RankedCounts)
  // Ranks given again; an entry whose rank stays is reused (entries are shared, never changed, unless owned).
  let rank = 0
  for (let k = 0; k < out.length; k++) {
    const r = out[k] as RankedCounts
    if (k === 0 || r.counts.downloads !== (out[k - 1] as RankedCounts).counts.downloads) rank = k + 1
    if (r.rank === rank) continue
    if (owned) r.rank = rank
    else out[k] = { ...r, rank }
  }
  return out
}

/**
 * A counted order (`rankCounts`) with each entry's change against its earlier standing (see `rankWithChange`), in a
 * new list: the order (cached, shared) is left as it is; its entries are reused where every change is null.
 */
export function withRankChanges(
  ranked: readonly RankedCounts[],
  previous: ((id: string, counts: Counts) => number) | undefined,
): RankedCounts[] {
  // Nothing to compare with: every change stays null, so the order's own entries serve (a new list of them).
  if (!previous) return ranked.slice()
  const before = competitionRanks(Float64Array.from(ranked, (r) => previous(r.id, r.counts)))
  return ranked.map((r, k) => {
    const then = before[k]
    return {
      ...r,
      rankChange: then !== undefined && then > 0 && r.counts.downloads > 0 ? then - r.rank : null,
    }
  })
}

/**
 * Each value's competition rank among all (1 + how many are greater), or 0 for a value of zero (no rank to
 * move from): a standing's ranks depend on its downloads alone, whatever orders its equals.
 */
function competitionRanks(values: Float64Array): Float64Array {
  const desc = Float64Array.from(values).sort().reverse()
  const rankOf = new Map<number, number>()
  desc.forEach((v, k) => {
    if (k === 0 || v !== desc[k - 1]) rankOf.set(v, k + 1)
  })
  return values.map((v) => (v > 0 ? (rankOf.get(v) as number) : 0))
}

/** The total of one field over every id. */
export const totalOf = (counts: CountsById, field: CountField = 'downloads') => {
  let total = 0
  for (const c of counts.values()) total += c[field]
  return total
}
