import {
  COUNT_FIELDS,
  type Counts,
  combinePortals,
  isZeroCounts,
  ZERO_COUNTS,
} from '../../shared/counting/count-day.js'
import {
  countsDifference,
  emptyPeriodCounts,
  type PeriodCounts,
  periodCountChanges,
  SUBJECTS,
} from '../../shared/counting/period-counts.js'
import {
  agencyTallies,
  byAddress,
  combineSlices,
  countSlice,
  type Leaders,
  leadersExact,
  leadersOf,
  leadersTotal,
  NO_LEADERS,
  type Slice,
  updateLeaders,
} from '../../shared/counting/slices.js'
import type { CountingRules } from '../../shared/counting/user-agent.js'
import type { Day } from '../../shared/time.js'
import { getPeriodCounts } from '../store/counts.js'
import { listDayEvents, type StoredEvent } from '../store/events.js'
import type { Subject } from '../store/keys.js'
import {
  addToLiveCounts,
  getAddressEvents,
  keepAddressEvents,
  type LiveCounts,
  listKeptEvents,
  markDayReady,
  moveSessionAddresses,
  newEventsOf,
  putLiveCounts,
  replaceSessionAddresses,
  setLiveLeaders,
} from '../store/slices.js'
import { mapLimit } from '../util/concurrency.js'

/**
 * Incremental counting of a live day (today or yesterday): only the addresses that sent something new are
 * counted again, from their own events of the day, and the day's counts move by the difference. The design
 * and why it gives what a recount from raw events gives: docs/decisions.md (incremental counting).
 */

/** A day's counts that changed (the difference, for the month and fiscal year above it). */
export type DayChanges = PeriodCounts

/** What moves in one subject's day count: the difference of its counts, and addresses' new tallies. */
interface Movement {
  agencyId?: string
  delta: Counts
  tallies: Map<string, number>
}

function movementOf(movements: Map<string, Movement>, id: string, agencyId?: string): Movement {
  let m = movements.get(id)
  if (!m) {
    m = { delta: { ...ZERO_COUNTS }, tallies: new Map(), ...(agencyId ? { agencyId } : {}) }
    movements.set(id, m)
  }
  return m
}

function addTo(target: Counts, d: Counts) {
  for (const f of COUNT_FIELDS) target[f] += d[f]
  const byPortal = combinePortals(target.byPortal, d.byPortal)
  if (byPortal) target.byPortal = byPortal
  else delete target.byPortal
}

/** What counting a live day's new events did: the day's changes, and whether its counts are now exact. */
export interface NewEventsCounted {
  changes: DayChanges
  /**
   * False when the busiest addresses of some count can no longer be told from what is kept: every other
   * figure moved (and `changes` says by how much), and the caller recounts the day whole.
   */
  exact: boolean
}

/**
 * Counts new events of a live day into its stored counts. Reads only each sending address's kept events (one
 * item per address): counts and sessions move by `ADD` updates, which answer the item they wrote.
 */
export async function countNewEvents(
  day: Day,
  events: readonly StoredEvent[],
  rules: CountingRules,
): Promise<NewEventsCounted> {
  const incoming = byAddress(events)
  const kept = await getAddressEvents(day, [...incoming.keys()])
  const fresh = newEventsOf(kept, incoming)
  if (fresh.size === 0) return { changes: emptyPeriodCounts(), exact: true }
  const movements: Record<Subject, Map<string, Movement>> = { agencies: new Map(), datasets: new Map() }
  const sessions = new Map<string, number>()
  for (const [address, arriving] of fresh) {
    const before = (kept.get(address) ?? []).flat()
    moveBy(
      address,
      countSlice(before, rules),
      countSlice([...before, ...arriving], rules),
      movements,
      sessions,
    )
  }
  // What the new events are kept under first: whatever happens next, a recount of the day finds them.
  await keepAddressEvents(day, kept, fresh)
  const uniqueMoves = await moveSessions(day, sessions)
  for (const [datasetId, d] of uniqueMoves) {
    const m = movementOf(movements.datasets, datasetId)
    m.delta.uniqueDownloads += d
    if (m.agencyId) movementOf(movements.agencies, m.agencyId).delta.uniqueDownloads += d
  }
  const changes = emptyPeriodCounts()
  let exact = true
  await Promise.all(
    SUBJECTS.map((subject) =>
      mapLimit([...movements[subject]], 16, async ([id, m]) => {
        if (isZeroCounts(m.delta) && m.tallies.size === 0) return
        const moved = await moveLiveCount(day, subject, id, m)
        if (!moved.exact) exact = false
        if (!isZeroCounts(moved.delta))
          changes[subject].set(id, { ...moved.delta, ...(m.agencyId ? { agencyId: m.agencyId } : {}) })
      }),
    ),
  )
  return { changes, exact }
}

/**
 * Moves one subject's day count by its movement: the counts by `ADD`, then, from the item that write answered,
 * its busiest addresses (written only when they changed). Answers what moved and whether the leaders are exact.
 */
async function moveLiveCount(
  day: Day,
  subject: Subject,
  id: string,
  m: Movement,
): Promise<{ delta: Counts; exact: boolean }> {
  const after = await addToLiveCounts(day, subject, id, {
    ...m.delta,
    ...(m.agencyId ? { agencyId: m.agencyId } : {}),
  })
  let leaders: Leaders = after.leaders
  for (const [address, tally] of m.tallies) leaders = updateLeaders(leaders, address, tally).leaders
  const exact = leadersExact(leaders)
  const storedTop = after.counts.topClientDownloads
  const top = exact ? leadersTotal(leaders) : storedTop
  const counts = { ...after.counts, topClientDownloads: top }
  if (isZeroCounts(counts) || (exact && JSON.stringify(leaders) !== JSON.stringify(after.leaders)))
    await setLiveLeaders(day, subject, id, leaders, top - storedTop, isZeroCounts(counts))
  return { delta: { ...m.delta, topClientDownloads: top - storedTop }, exact }
}

/** Adds what one address's new events changed to the movements of its datasets, agencies and sessions. */
function moveBy(
  address: string,
  before: Slice,
  after: Slice,
  movements: Record<Subject, Map<string, Movement>>,
  sessions: Map<string, number>,
) {
  for (const datasetId of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(datasetId)
    const a = after.get(datasetId)
    const agencyId = (a ?? b)?.agencyId as string
    const delta = countsDifference(a?.counts, b?.counts)
    const m = movementOf(movements.datasets, datasetId, agencyId)
    addTo(m.delta, delta)
    addTo(movementOf(movements.agencies, agencyId).delta, delta)
    if ((a?.tally ?? 0) !== (b?.tally ?? 0)) m.tallies.set(address, a?.tally ?? 0)
    for (const s of a?.sessions ?? []) if (!b?.sessions.has(s)) bump(sessions, `${datasetId}#${s}`, 1)
    for (const s of b?.sessions ?? []) if (!a?.sessions.has(s)) bump(sessions, `${datasetId}#${s}`, -1)
  }
  const tallyBefore = agencyTallies(before)
  for (const [agencyId, tally] of agencyTallies(after)) {
    if (tally !== (tallyBefore.get(agencyId) ?? 0))
      movementOf(movements.agencies, agencyId).tallies.set(address, tally)
  }
}

const bump = (counts: Map<string, number>, key: string, by: number) =>
  counts.set(key, (counts.get(key) ?? 0) + by)

/**
 * Moves the sender's sessions by how many addresses joined or left each; answers how each dataset's unique
 * downloads move (a session counts once, while at least one address has a counted download in it).
 */
async function moveSessions(day: Day, moves: ReadonlyMap<string, number>): Promise<Map<string, number>> {
  const unique = new Map<string, number>()
  const changed = new Map([...moves].filter(([, by]) => by !== 0))
  if (changed.size === 0) return unique
  for (const [key, { before, after }] of await moveSessionAddresses(day, changed)) {
    const datasetId = key.slice(0, key.indexOf('#'))
    if (before === 0 && after > 0) bump(unique, datasetId, 1)
    if (before > 0 && after === 0) bump(unique, datasetId, -1)
  }
  return unique
}

/**
 * Recounts a live day whole from its raw events, and makes what incremental counting keeps match: events not
 * yet kept under their address, the sender's sessions, the leaders of every count. Returns the changes.
 */
export async function recountLiveDay(day: Day, rules: CountingRules): Promise<DayChanges> {
  const [events, kept] = await Promise.all([listDayEvents(day), listKeptEvents(day)])
  await keepAddressEvents(day, kept, newEventsOf(kept, byAddress(events)))
  const slices = new Map([...byAddress(events)].map(([a, list]) => [a, countSlice(list, rules)]))
  const next = combineSlices(slices)
  const sessions = new Map<string, number>()
  const tallies: Record<Subject, Map<string, Map<string, number>>> = {
    agencies: new Map(),
    datasets: new Map(),
  }
  const tally = (subject: Subject, id: string, address: string, n: number) => {
    const of = tallies[subject].get(id) ?? new Map<string, number>()
    of.set(address, n)
    tallies[subject].set(id, of)
  }
  for (const [address, slice] of slices) {
    for (const [datasetId, s] of slice) {
      for (const id of s.sessions) bump(sessions, `${datasetId}#${id}`, 1)
      if (s.tally > 0) tally('datasets', datasetId, address, s.tally)
    }
    for (const [agencyId, n] of agencyTallies(slice)) if (n > 0) tally('agencies', agencyId, address, n)
  }
  await replaceSessionAddresses(day, sessions)
  const prev = await getPeriodCounts({ day })
  for (const subject of SUBJECTS) {
    const written = new Map<string, LiveCounts>()
    for (const [id, counts] of next[subject]) {
      written.set(id, { counts, leaders: leadersOf(tallies[subject].get(id) ?? new Map()) })
    }
    for (const id of prev[subject].keys()) {
      if (!written.has(id)) written.set(id, { counts: { ...ZERO_COUNTS }, leaders: NO_LEADERS })
    }
    await putLiveCounts(day, subject, written)
  }
  await markDayReady(day)
  return periodCountChanges(next, prev)
}
