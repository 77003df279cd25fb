import { addMonths, bangkokMonth, monthRange } from './time.js'

/**
 * The run history of the scheduled jobs: each run of the monthly pipeline and of the catalog sync, with its
 * steps. Pure: what a run is, and what DGA must be told about the latest ones.
 */

/**
 * When the monthly pipeline runs: 02:00 Bangkok time on the 1st, for the month just ended (cron, 5 fields): the
 * report is generated at 02:00 on the 1st, after the recount that starts the run.
 */
export const MONTHLY_RUN_CRON = '0 2 1 * *'

/** The hour of the 1st that `MONTHLY_RUN_CRON` names (Bangkok). */
const RUN_HOUR = 2

/** How long after its scheduled start the month's run may take (retries included) before it is late. */
export const MONTHLY_RUN_GRACE_MS = 6 * 3_600_000

export type RunKind = 'monthly' | 'catalog-sync'
export type RunStatus = 'running' | 'succeeded' | 'failed'
/** Who started a run: its schedule, DGA (dashboard or API), or the command line. */
export type RunTrigger = 'schedule' | 'dga' | 'cli'

export interface RunStep {
  name: string
  status: RunStatus | 'skipped'
  startedAt?: string
  finishedAt?: string
  /** What the step did (counts, a version), small. */
  result?: Record<string, unknown>
  error?: string
}

export interface Run {
  runId: string
  kind: RunKind
  /** The month a monthly run is for. */
  month?: string
  trigger: RunTrigger
  status: RunStatus
  startedAt: string
  finishedAt?: string
  steps: RunStep[]
  error?: string
}

/** What DGA must be told about the monthly run of the month just ended, as of `now` (null: nothing). */
export type RunAlert =
  | { kind: 'failed'; month: string; run: Run }
  | { kind: 'late'; month: string }
  | { kind: 'running-long'; month: string; run: Run }

/**
 * The alert for the month just ended: its latest monthly run failed, or none succeeded although the grace after
 * its scheduled start (the 1st, 02:00 Bangkok) has passed. A run still running past the grace is reported too.
 * `runs` may hold any runs, in any order.
 */
export function monthlyRunAlert(runs: readonly Run[], now: number): RunAlert | null {
  const month = addMonths(bangkokMonth(now), -1)
  const ofMonth = runs
    .filter((r) => r.kind === 'monthly' && r.month === month)
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))
  if (ofMonth.some((r) => r.status === 'succeeded')) return null
  const latest = ofMonth[0]
  if (latest?.status === 'failed') return { kind: 'failed', month, run: latest }
  const due = monthRange(addMonths(month, 1)).start + RUN_HOUR * 3_600_000 + MONTHLY_RUN_GRACE_MS
  if (now < due) return null
  return latest ? { kind: 'running-long', month, run: latest } : { kind: 'late', month }
}
