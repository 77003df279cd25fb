import {
  COUNT_FIELDS,
  type Counts,
  combinePortals,
  isZeroCounts,
  ZERO_COUNTS,
} from '../../shared/counting/count-day.js'
import { addressOf } from '../../shared/counting/identity.js'
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
  getAddressEvents,
  getLiveCounts,
  getSessionAddresses,
  type LiveCounts,
  listSliceEventIds,
  markDayReady,
  putLiveCounts,
  putSessionAddresses,
  replaceSessionAddresses,
  saveSliceEvents,
} from '../store/slices.js'

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

/**
 * Counts new events of a live day into its stored counts. Returns the day's changes, or undefined when the
 * busiest addresses of some count can no longer be told from what is kept (the caller recounts the day whole).
 */
export async function countNewEvents(
  day: Day,
  events: readonly StoredEvent[],
  rules: CountingRules,
): Promise<DayChanges | undefined> {
  const incoming = byAddress(events)
  const kept = await getAddressEvents(day, [...incoming.keys()])
  const movements: Record<Subject, Map<string, Movement>> = { agencies: new Map(), datasets: new Map() }
  const sessions = new Map<string, number>()
  const toKeep: { address: string; event: StoredEvent }[] = []
  for (const [address, arriving] of incoming) {
    const before = kept.get(address) ?? []
    const known = new Set(before.map((e) => e.eventId))
    const fresh = arriving.filter((e) => !known.has(e.eventId) && known.add(e.eventId))
    if (fresh.length === 0) continue
    toKeep.push(...fresh.map((event) => ({ address, event })))
    moveBy(address, countSlice(before, rules), countSlice([...before, ...fresh], rules), movements, sessions)
  }
  if (toKeep.length === 0) return emptyPeriodCounts()
  // What the new events are kept under first: whatever happens next, a recount of the day finds them.
  await saveSliceEvents(day, toKeep)
  const uniqueMoves = await moveSessions(day, sessions)
  for (const [datasetId, d] of uniqueMoves) {
    const m = movementOf(movements.datasets, datasetId)
    m.delta.uniqueDownloads += d
    if (m.agencyId) movementOf(movements.agencies, m.agencyId).delta.uniqueDownloads += d
  }
  // Every count is worked out before any is written: a count whose busiest addresses cannot be told leaves
  // the day's counts as they were, for the caller's whole recount.
  const changes = emptyPeriodCounts()
  const writes: Record<Subject, Map<string, LiveCounts>> = { agencies: new Map(), datasets: new Map() }
  for (const subject of SUBJECTS) {
    const moved = movements[subject]
    const stored = await getLiveCounts(day, subject, [...moved.keys()])
    for (const [id, m] of moved) {
      const prev: LiveCounts = stored.get(id) ?? { counts: { ...ZERO_COUNTS }, leaders: NO_LEADERS }
      let leaders: Leaders = prev.leaders
      for (const [address, tally] of m.tallies) {
        const updated = updateLeaders(leaders, address, tally)
        if (!updated.exact) return undefined
        leaders = updated.leaders
      }
      const counts = { ...prev.counts }
      addTo(counts, m.delta)
      counts.topClientDownloads = leadersTotal(leaders)
      if (m.agencyId) counts.agencyId = m.agencyId
      writes[subject].set(id, { counts, leaders })
      const delta = countsDifference(counts, prev.counts)
      if (!isZeroCounts(delta))
        changes[subject].set(id, { ...delta, ...(m.agencyId ? { agencyId: m.agencyId } : {}) })
    }
  }
  await Promise.all(SUBJECTS.map((subject) => putLiveCounts(day, subject, writes[subject])))
  return changes
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
  const changed = [...moves].filter(([, by]) => by !== 0)
  if (changed.length === 0) return unique
  const pairs = changed.map(([key]) => {
    const [datasetId, ...rest] = key.split('#')
    return { datasetId: datasetId as string, sessionId: rest.join('#') }
  })
  const stored = await getSessionAddresses(day, pairs)
  const next = new Map<string, number>()
  for (const [key, by] of changed) {
    const before = stored.get(key) ?? 0
    const after = before + by
    next.set(key, after)
    const datasetId = key.slice(0, key.indexOf('#'))
    if (before === 0 && after > 0) bump(unique, datasetId, 1)
    if (before > 0 && after === 0) bump(unique, datasetId, -1)
  }
  await putSessionAddresses(day, next)
  return unique
}

/**
 * Recounts a live day whole from its raw events, and makes what incremental counting keeps match: events not
 * yet kept under their address, the sender's sessions, the leaders of every count. Returns the changes.
 */
export async function recountLiveDay(day: Day, rules: CountingRules): Promise<DayChanges> {
  const [events, kept] = await Promise.all([listDayEvents(day), listSliceEventIds(day)])
  const missing = events.filter((e) => !kept.has(e.eventId))
  await saveSliceEvents(
    day,
    missing.map((event) => ({ address: addressOf(event), event })),
  )
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
