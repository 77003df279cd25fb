import { Cron } from 'croner'
import { MONTHLY_RUN_CRON } from '../../shared/runs.js'
import { clock } from '../clock.js'

/** Waits before a failed monthly run is tried again, as Lambda and the scheduler retry it on AWS. */
export const RETRY_DELAYS_MS = [60_000, 10 * 60_000, 60 * 60_000]

/**
 * Runs the monthly pipeline locally on the AWS schedule (`MONTHLY_RUN_CRON`, the same code as the Lambda
 * function), and, when the month just ended has no report yet, runs it once now (so a fresh demo has a report
 * to browse). A failed run is tried again after `RETRY_DELAYS_MS`; the run history shows each attempt. Call it
 * when the demo is loaded; it answers at once and works in the background. Returns what stops the schedule
 * (after a running run).
 */
export function startMonthlyRuns(log: (msg: string) => void): () => Promise<void> {
  let running: Promise<void> = Promise.resolve()
  let retry: NodeJS.Timeout | undefined
  let stopped = false
  const run = async (onlyIfMissing: boolean, attempt = 0) => {
    const [{ runMonthly, monthJustEnded }, { listReportEntries }] = await Promise.all([
      import('../jobs/monthly.js'),
      import('../store/reports.js'),
    ])
    const month = monthJustEnded()
    if (onlyIfMissing && (await listReportEntries(month)).length > 0) return
    try {
      await runMonthly(month, { trigger: 'schedule', progress: log })
    } catch (err) {
      const delay = RETRY_DELAYS_MS[attempt]
      log(
        `Monthly run of ${month} failed: ${(err as Error).message}${delay ? `; trying again in ${delay / 60_000} min` : ''}`,
      )
      if (delay !== undefined && !stopped) {
        retry = setTimeout(() => {
          running = run(false, attempt + 1)
        }, delay)
      }
    }
  }
  const start = (onlyIfMissing: boolean) => {
    clearTimeout(retry)
    running = run(onlyIfMissing).catch((err) => log(`Monthly run failed: ${(err as Error).message}`))
    return running
  }
  const job = onSchedule(MONTHLY_RUN_CRON, () => start(false))
  void start(true)
  return async () => {
    stopped = true
    job.stop()
    clearTimeout(retry)
    await running
  }
}

/**
 * Runs `task` at each time of a cron pattern (Bangkok) on the product's clock, so a run "as of" a date (OGD_NOW)
 * meets its schedule as production would. Croner computes the times; a timer wakes at least hourly to look again,
 * since a month is longer than the longest timer.
 */
export function onSchedule(pattern: string, task: () => unknown): { stop(): void } {
  const times = new Cron(pattern, { timezone: 'Asia/Bangkok', paused: true })
  let timer: NodeJS.Timeout | undefined
  let next = times.nextRun(new Date(clock.now()))?.getTime()
  const wake = () => {
    const now = clock.now()
    if (next !== undefined && now >= next) {
      next = times.nextRun(new Date(now))?.getTime()
      void task()
    }
    if (next !== undefined) timer = setTimeout(wake, Math.min(Math.max(next - now, 0), 3_600_000))
  }
  wake()
  return {
    stop() {
      clearTimeout(timer)
    },
  }
}
