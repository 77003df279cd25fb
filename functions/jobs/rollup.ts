import { randomUUID } from 'node:crypto'
import { countDay } from '../../shared/counting/count-day.js'
import {
  emptyPeriodCounts,
  type PeriodCounts,
  periodCountChanges,
  sumPeriodCounts,
} from '../../shared/counting/period-counts.js'
import { countingRulesOf } from '../../shared/counting/rules.js'
import type { CountingRules } from '../../shared/counting/user-agent.js'
import {
  addDays,
  bangkokDay,
  type Day,
  daysOfMonth,
  fiscalYearOfMonth,
  type Month,
  monthsOfFiscalYear,
} from '../../shared/time.js'
import { clock } from '../clock.js'
import { getAwardProgramme } from '../store/award-programmes.js'
import { addToPeriodCounts, getPeriodCounts, replacePeriodCounts, writeDayCounts } from '../store/counts.js'
import {
  clearDirtyDay,
  clearPendingEvents,
  clearRollupIntent,
  interruptedRollup,
  listDirtyDays,
  listPendingEvents,
  noteRollupIntent,
  type StoredEvent,
} from '../store/events.js'
import { acquireLease, keepLease, releaseLease } from '../store/leases.js'
import { saveRollupStatus } from '../store/rollup-status.js'
import { deleteSaltsBefore } from '../store/salts.js'
import { isDayReady } from '../store/slices.js'
import { dayEventsForRecount } from './archive.js'
import { countNewEvents, recountLiveDay } from './incremental.js'

/** Salts are kept for today and yesterday (late and imported events of those days still match). */
export const SALT_KEEP_DAYS = 2
const LEASE = 'rollup'
/** Short, and renewed while a rollup runs: a rollup killed midway holds back the next one for 30 s at most. */
const LEASE_MS = 30_000
const holder = randomUUID()

/** Counts of one day computed from its raw events, under the counting rules of its fiscal year. */
export async function computeDayCounts(day: Day, rules?: CountingRules): Promise<PeriodCounts> {
  return countDay(
    await dayEventsForRecount(day),
    rules ?? (await rulesOfFiscalYear(fiscalYearOfMonth(day.slice(0, 7)))),
  )
}

/** The counting rules a fiscal year is counted under: its programme's, else the default of its year. */
export async function rulesOfFiscalYear(fy: number): Promise<CountingRules> {
  return countingRulesOf(fy, (await getAwardProgramme(fy))?.programme)
}

/** Whether a day is counted incrementally: today or yesterday (older days only get late events, recounted whole). */
export const isLiveDay = (day: Day, now = clock.now()) => day >= addDays(bangkokDay(now), -1)

function rulesCache() {
  const rules = new Map<number, Promise<CountingRules>>()
  return (day: Day) => {
    const fy = fiscalYearOfMonth(day.slice(0, 7))
    if (!rules.has(fy)) rules.set(fy, rulesOfFiscalYear(fy))
    return rules.get(fy) as Promise<CountingRules>
  }
}

/** Recounts one day whole from its raw events and writes what changed; answers the changes. */
async function recountDay(day: Day, rules: CountingRules): Promise<PeriodCounts> {
  if (isLiveDay(day)) return recountLiveDay(day, rules)
  const [next, prev] = await Promise.all([computeDayCounts(day, rules), getPeriodCounts({ day })])
  const changed = periodCountChanges(next, prev)
  await writeDayCounts(day, next, changed)
  return changed
}

/**
 * Moves months and fiscal years by their days' changes (so those stay the sum of their days without a reread).
 * `bulk`: a period with many changes is read once and written back in batches (days recounted whole); without
 * it every change is an `ADD` update and nothing is read (the incremental path, whose reads follow new events).
 */
async function moveMonthsBy(
  changes: readonly { day: Day; changed: PeriodCounts }[],
  bulk: boolean,
): Promise<number> {
  const months = [...new Set(changes.map((c) => c.day.slice(0, 7)))]
  const years = [...new Set(months.map(fiscalYearOfMonth))]
  const changedIn = (inPeriod: (month: Month) => boolean) =>
    sumPeriodCounts(changes.filter((c) => inPeriod(c.day.slice(0, 7))).map((c) => c.changed))
  await addToPeriodCounts(
    [
      ...months.map((month) => ({ period: { month }, delta: changedIn((m) => m === month) })),
      ...years.map((fy) => ({ period: { fy }, delta: changedIn((m) => fiscalYearOfMonth(m) === fy) })),
    ],
    { bulk },
  )
  return changes.reduce((n, { changed }) => n + changed.agencies.size + changed.datasets.size, 0)
}

/**
 * Recomputes days whole from raw events, one day at a time (a day's events are all that is held in memory),
 * writes the subjects whose counts changed, and moves their months and fiscal years by the differences.
 * Returns how many subjects' day counts changed.
 */
export async function rollupDays(days: readonly Day[]): Promise<number> {
  const rulesOf = rulesCache()
  const changes: { day: Day; changed: PeriodCounts }[] = []
  for (const day of days) changes.push({ day, changed: await recountDay(day, await rulesOf(day)) })
  return moveMonthsBy(changes, true)
}

/**
 * Counts the events stored since the last rollup into their live days, incrementally (a day not yet kept
 * incrementally, or whose busiest addresses can no longer be told, is recounted whole instead).
 */
async function countPending(byDay: ReadonlyMap<Day, StoredEvent[]>): Promise<number> {
  const rulesOf = rulesCache()
  const changes: { day: Day; changed: PeriodCounts }[] = []
  for (const [day, events] of byDay) {
    const rules = await rulesOf(day)
    const counted = (await isDayReady(day)) ? await countNewEvents(day, events, rules) : undefined
    // A day recounted after new events moved some counts: its months move by both (the recount's differences
    // are taken from the counts as those events left them).
    const changed = counted?.exact
      ? counted.changes
      : sumPeriodCounts([counted?.changes ?? emptyPeriodCounts(), await recountLiveDay(day, rules)])
    changes.push({ day, changed })
  }
  return moveMonthsBy(changes, false)
}

async function withLease<T>(work: () => Promise<T>, wait: boolean): Promise<T | undefined> {
  for (let i = 0; !(await acquireLease(LEASE, holder, LEASE_MS)); i++) {
    if (!wait || i > 600) return undefined
    await new Promise((r) => setTimeout(r, 100))
  }
  const stopRenewing = keepLease(LEASE, holder, LEASE_MS)
  try {
    return await work()
  } finally {
    stopRenewing()
    await releaseLease(LEASE, holder)
  }
}

let chain: Promise<unknown> = Promise.resolve()
/** Runs rollups of this process one at a time; the lease keeps other processes out. */
function serial<T>(work: () => Promise<T>, wait: boolean): Promise<T | undefined> {
  const run = chain.then(() => withLease(work, wait))
  chain = run.catch(() => undefined)
  return run
}

export interface RollupResult {
  /** The days whose counts this run touched. */
  days: Day[]
  changed: number
  saltsDeleted: number
  /** Events counted since the last run. */
  counted: number
}

/**
 * The rollup job: counts the events stored since the last run into today's and yesterday's counts
 * (incrementally), recounts whole every older day marked by late events (and `extraDays`), then deletes salts
 * that are no longer needed. Returns undefined when another process holds the rollup.
 */
export function runRollup(
  now = clock.now(),
  extraDays: Iterable<Day> = [],
): Promise<RollupResult | undefined> {
  return serial(async () => {
    // This run counts every event stored before this instant (what the counting lag is measured against).
    const startedAt = clock.now()
    const today = bangkokDay(now)
    // A rollup killed midway left days and months short: the days are recounted whole, the months rebuilt.
    const interrupted = await interruptedRollup()
    if (interrupted.months.length > 0) {
      const live = interrupted.days.filter((d) => isLiveDay(d))
      if (live.length > 0) await rollupDays(live)
      await rebuildFromDays(interrupted.months)
    }
    const pending = await listPendingEvents()
    const byDay = new Map<Day, StoredEvent[]>()
    const late = new Set<Day>()
    for (const e of pending) {
      if (!isLiveDay(e.day)) late.add(e.day)
      else byDay.set(e.day, [...(byDay.get(e.day) ?? []), e])
    }
    const dirty = await listDirtyDays()
    const whole = [...new Set([...extraDays, ...late, ...dirty.map((d) => d.day)])].sort()
    const days = [...new Set([...byDay.keys(), ...whole])].sort()
    await noteRollupIntent(
      days.map((d) => d.slice(0, 7)),
      [...byDay.keys()],
    )
    const changed = (await countPending(byDay)) + (await rollupDays(whole))
    await clearRollupIntent()
    await clearPendingEvents(pending)
    for (const { day, at } of dirty) await clearDirtyDay(day, at)
    const saltsDeleted = await deleteSaltsBefore(addDays(today, -(SALT_KEEP_DAYS - 1)))
    await saveRollupStatus({ startedAt, finishedAt: clock.now() })
    return { days, changed, saltsDeleted, counted: pending.length }
  }, false)
}

/**
 * Recomputes a month from raw events: every day again, then the month as the sum of its days and the
 * fiscal year as the sum of its months. Gives the same counts as the incremental rollups.
 */
export async function recomputeMonth(month: Month): Promise<PeriodCounts> {
  const result = await serial(async () => {
    await rollupDays(daysOfMonth(month))
    return (await rebuildFromDays([month])).get(month) as PeriodCounts
  }, true)
  if (!result) throw new Error('Another rollup held the lease for too long; try again')
  return result
}

/** Sets each month to the sum of its days' counts, then each of their fiscal years to the sum of its months. */
async function rebuildFromDays(months: readonly Month[]): Promise<Map<Month, PeriodCounts>> {
  const rebuilt = new Map<Month, PeriodCounts>()
  for (const month of months) {
    const counts = sumPeriodCounts(
      await Promise.all(daysOfMonth(month).map((day) => getPeriodCounts({ day }))),
    )
    await replacePeriodCounts({ month }, counts)
    rebuilt.set(month, counts)
  }
  for (const fy of new Set(months.map(fiscalYearOfMonth))) {
    const ofYear = await Promise.all(monthsOfFiscalYear(fy).map((m) => getPeriodCounts({ month: m })))
    await replacePeriodCounts({ fy }, sumPeriodCounts(ofYear))
  }
  return rebuilt
}
