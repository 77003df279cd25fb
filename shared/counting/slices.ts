import {
  addCounts,
  type CountableEvent,
  type Counts,
  countPortal,
  type DayCounts,
  eventOutcomes,
  sessionOf,
  TOP_CLIENTS,
  ZERO_COUNTS,
} from './count-day.js'
import { addressOf } from './identity.js'
import type { CountingRules } from './user-agent.js'

/**
 * Incremental counting: a day's counts as the sum of its addresses' slices. Every rule but two looks only at
 * one address's events of the day (a client is one address with one user agent; double clicks, clock-hour
 * sessions and harvesters are judged per client or per address), so an address's share of a day's counts
 * changes only when that address sends something new. The two rules that look across addresses are kept by
 * the caller from what a slice reports: sessions the sender named (`sessions`: counted once per dataset
 * however many addresses share them) and the busiest addresses (`tally`: the top `TOP_CLIENTS` of each
 * dataset and agency). `combineSlices` of every address's slice is `countDay` (test/unit/slices.test.ts).
 */

/** One address's share of one dataset's day. */
export interface SliceCounts {
  agencyId: string
  /** The rules' counts, with `uniqueDownloads` holding only clock-hour sessions and `topClientDownloads` 0. */
  counts: Counts
  /** Counted downloads: this address's standing among the dataset's busiest. */
  tally: number
  /** The sender's session ids with a counted download of the dataset from this address. */
  sessions: Set<string>
}

/** An address's shares of a day, by dataset. */
export type Slice = Map<string, SliceCounts>

/** Counts one address's events of one day (all of them: the rules judge an address on its whole day). */
export function countSlice(events: readonly CountableEvent[], rules: CountingRules): Slice {
  const slice: Slice = new Map()
  const hourSessions = new Map<string, Set<string>>()
  for (const [e, outcome] of eventOutcomes(events, rules)) {
    let s = slice.get(e.datasetId)
    if (!s) {
      s = { agencyId: e.agencyId, counts: { ...ZERO_COUNTS }, tally: 0, sessions: new Set() }
      slice.set(e.datasetId, s)
      hourSessions.set(e.datasetId, new Set())
    }
    const c = s.counts
    if (outcome === 'robot') c.robots++
    else if (outcome === 'harvester') c.harvesters++
    else if (outcome === 'doubleClick') c.doubleClicks++
    else {
      c.downloads++
      countPortal(c, e.portal)
      s.tally++
      if (outcome === 'machine') c.machineDownloads++
      if (e.sessionId) s.sessions.add(e.sessionId)
      else {
        const seen = hourSessions.get(e.datasetId) as Set<string>
        const session = sessionOf(e)
        if (!seen.has(session)) {
          seen.add(session)
          c.uniqueDownloads++
        }
      }
    }
  }
  return slice
}

/** A day's events split by address, each address's events together. */
export function byAddress<E extends CountableEvent>(events: readonly E[]): Map<string, E[]> {
  const out = new Map<string, E[]>()
  for (const e of events) {
    const a = addressOf(e)
    const list = out.get(a)
    if (list) list.push(e)
    else out.set(a, [e])
  }
  return out
}

/** The `TOP_CLIENTS` busiest addresses' downloads among tallies. */
export function topTotal(tallies: Iterable<number>): number {
  return [...tallies]
    .sort((a, b) => b - a)
    .slice(0, TOP_CLIENTS)
    .reduce((a, b) => a + b, 0)
}

/** A day's counts from every address's slice: what `countDay` gives for the day's events. */
export function combineSlices(slices: ReadonlyMap<string, Slice>): DayCounts {
  const datasets: DayCounts['datasets'] = new Map()
  const sessions = new Map<string, Set<string>>()
  const datasetTallies = new Map<string, number[]>()
  const agencyTallies = new Map<string, Map<string, number>>()
  for (const [address, slice] of slices) {
    for (const [datasetId, s] of slice) {
      const before = datasets.get(datasetId) ?? { ...ZERO_COUNTS, agencyId: s.agencyId }
      datasets.set(datasetId, { ...addCounts(before, s.counts), agencyId: before.agencyId })
      const seen = sessions.get(datasetId) ?? new Set()
      for (const id of s.sessions) seen.add(id)
      sessions.set(datasetId, seen)
      if (s.tally === 0) continue
      datasetTallies.set(datasetId, [...(datasetTallies.get(datasetId) ?? []), s.tally])
      const ofAgency = agencyTallies.get(s.agencyId) ?? new Map<string, number>()
      ofAgency.set(address, (ofAgency.get(address) ?? 0) + s.tally)
      agencyTallies.set(s.agencyId, ofAgency)
    }
  }
  for (const [datasetId, c] of datasets) {
    c.uniqueDownloads += sessions.get(datasetId)?.size ?? 0
    c.topClientDownloads = topTotal(datasetTallies.get(datasetId) ?? [])
  }
  const agencies = new Map<string, Counts>()
  for (const { agencyId, ...c } of datasets.values()) {
    agencies.set(agencyId, addCounts(agencies.get(agencyId) ?? ZERO_COUNTS, c))
  }
  for (const [agencyId, c] of agencies)
    c.topClientDownloads = topTotal(agencyTallies.get(agencyId)?.values() ?? [])
  return { datasets, agencies }
}

/** An agency's tally per address from a slice (its datasets' counted downloads). */
export function agencyTallies(slice: Slice): Map<string, number> {
  const out = new Map<string, number>()
  for (const s of slice.values()) out.set(s.agencyId, (out.get(s.agencyId) ?? 0) + s.tally)
  return out
}

/**
 * The busiest addresses of a dataset or agency as kept between rollups: at most `LEADERS` of them, busiest
 * first, and `bound`, at least the tally of every address not listed (0 while the list holds every address
 * with a download). Tallies go down as well as up (a late event turns a download into a double click, a
 * harvester is found), so the list keeps more than `TOP_CLIENTS`: its top is exact while its `TOP_CLIENTS`-th
 * entry is at least `bound`; otherwise the caller recounts the day.
 */
export interface Leaders {
  top: [address: string, tally: number][]
  bound: number
}

export const LEADERS = 8

export const NO_LEADERS: Readonly<Leaders> = Object.freeze({ top: [], bound: 0 })

/** Leaders after one address's tally changed to `tally`; `exact` says whether their top total can be trusted. */
export function updateLeaders(
  leaders: Leaders,
  address: string,
  tally: number,
): { leaders: Leaders; exact: boolean } {
  const top = leaders.top.filter(([a]) => a !== address)
  if (tally > 0) top.push([address, tally])
  top.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  let bound = leaders.bound
  for (const [, t] of top.splice(LEADERS)) bound = Math.max(bound, t)
  const next = { top, bound }
  return { leaders: next, exact: leadersExact(next) }
}

/** Whether the leaders' top `TOP_CLIENTS` are surely the busiest addresses' tallies. */
export function leadersExact({ top, bound }: Leaders): boolean {
  if (bound === 0) return true
  const last = top[TOP_CLIENTS - 1]
  return last !== undefined && last[1] >= bound
}

/** The downloads of the busiest `TOP_CLIENTS` addresses the leaders hold. */
export const leadersTotal = (leaders: Leaders): number => topTotal(leaders.top.map(([, t]) => t))

/** Leaders from every address's tally (a day recounted whole). */
export function leadersOf(tallies: ReadonlyMap<string, number>): Leaders {
  let leaders: Leaders = NO_LEADERS
  for (const [address, tally] of tallies) leaders = updateLeaders(leaders, address, tally).leaders
  return leaders
}
