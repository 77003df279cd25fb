import { randomUUID } from 'node:crypto'
import { countDay } from '../../shared/counting/count-day.js'
import {
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
  clearRollupIntent,
  interruptedRollupMonths,
  listDayEvents,
  listDirtyDays,
  noteRollupIntent,
} from '../store/events.js'
import { acquireLease, keepLease, releaseLease } from '../store/leases.js'
import { saveRollupStatus } from '../store/rollup-status.js'
import { deleteSaltsBefore } from '../store/salts.js'
import { mapLimit } from '../util/concurrency.js'

/** Salts are kept for today and yesterday (late and imported events of those days still match). */
export const SALT_KEEP_DAYS = 2
const LEASE = 'rollup'
/** Short, and renewed while a rollup runs: a rollup killed midway holds back the next one for 30 s at most. */
const LEASE_MS = 30_000
const holder = randomUUID()

/** Counts of one day computed from its raw events, under the counting rules of its fiscal year. */
export async function computeDayCounts(day: Day, rules?: CountingRules): Promise<PeriodCounts> {
  return countDay(
    await listDayEvents(day),
    rules ?? (await rulesOfFiscalYear(fiscalYearOfMonth(day.slice(0, 7)))),
  )
}

/** The counting rules a fiscal year is counted under: its programme's, else the default of its year. */
export async function rulesOfFiscalYear(fy: number): Promise<CountingRules> {
  return countingRulesOf(fy, (await getAwardProgramme(fy))?.programme)
}

/**
 * Recomputes days from raw events, writes the subjects whose counts changed, and moves their months and fiscal
 * years by the differences (so those stay the sum of their days without being reread). Returns how many
 * subjects' day counts changed.
 */
export async function rollupDays(days: readonly Day[]): Promise<number> {
  const rules = new Map<number, Promise<CountingRules>>()
  const rulesOf = (day: Day) => {
    const fy = fiscalYearOfMonth(day.slice(0, 7))
    if (!rules.has(fy)) rules.set(fy, rulesOfFiscalYear(fy))
    return rules.get(fy) as Promise<CountingRules>
  }
  const changes = await mapLimit(days, 4, async (day) => {
    const [next, prev] = await Promise.all([
      computeDayCounts(day, await rulesOf(day)),
      getPeriodCounts({ day }),
    ])
    const changed = periodCountChanges(next, prev)
    await writeDayCounts(day, next, changed)
    return { month: day.slice(0, 7), changed }
  })
  const months = [...new Set(changes.map((c) => c.month))]
  const years = [...new Set(months.map(fiscalYearOfMonth))]
  const changedIn = (inPeriod: (month: Month) => boolean) =>
    sumPeriodCounts(changes.filter((c) => inPeriod(c.month)).map((c) => c.changed))
  await addToPeriodCounts([
    ...months.map((month) => ({ period: { month }, delta: changedIn((m) => m === month) })),
    ...years.map((fy) => ({ period: { fy }, delta: changedIn((m) => fiscalYearOfMonth(m) === fy) })),
  ])
  return changes.reduce((n, { changed }) => n + changed.agencies.size + changed.datasets.size, 0)
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
  days: Day[]
  changed: number
  saltsDeleted: number
}

/**
 * The rollup job: recomputes today, yesterday and every day marked by late events, then deletes salts
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
    const dirty = await listDirtyDays()
    const days = [...new Set([today, addDays(today, -1), ...extraDays, ...dirty.map((d) => d.day)])].sort()
    // A rollup killed between a day's counts and its month's left that month and its fiscal year short.
    const interrupted = await interruptedRollupMonths()
    if (interrupted.length > 0) await rebuildFromDays(interrupted)
    await noteRollupIntent(days.map((d) => d.slice(0, 7)))
    const changed = await rollupDays(days)
    await clearRollupIntent()
    for (const { day, at } of dirty) await clearDirtyDay(day, at)
    const saltsDeleted = await deleteSaltsBefore(addDays(today, -(SALT_KEEP_DAYS - 1)))
    await saveRollupStatus({ startedAt, finishedAt: clock.now() })
    return { days, changed, saltsDeleted }
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
