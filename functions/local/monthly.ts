import { Cron } from 'croner'
import { addMonths, bangkokMonth } from '../../shared/time.js'
import { clock } from '../clock.js'

/** The monthly report's schedule: 02:00 Bangkok time on the 1st, as on AWS (after the 01:00 recount). */
export const REPORT_CRON = '0 2 1 * *'

/**
 * Runs the monthly report locally as the AWS schedule does, and, when the previous month has no report yet,
 * generates it once now (so a fresh demo has a report to browse). Call it when the demo is loaded; it
 * answers at once and works in the background. Returns what stops the schedule (after a running report).
 */
export function startMonthlyReports(log: (msg: string) => void): () => Promise<void> {
  let running: Promise<void> = Promise.resolve()
  const run = async (month: string, onlyIfMissing: boolean) => {
    const [{ generateMonthlyReport }, { listReportEntries }, { sendReportEmails }] = await Promise.all([
      import('../reports/generate.js'),
      import('../store/reports.js'),
      import('../email/send-report-emails.js'),
    ])
    if (onlyIfMissing && (await listReportEntries(month)).length > 0) return
    const started = Date.now()
    const { entry, created } = await generateMonthlyReport(month)
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    log(
      created
        ? `Monthly report ${month}: version ${entry.version} stored in ${seconds} s (Reports page)`
        : `Monthly report ${month}: unchanged since version ${entry.version}`,
    )
    // Then its emails (to the outbox, or SMTP_URL); what was sent before is skipped.
    const { sent, failed } = await sendReportEmails({ month, version: entry.version }, { log })
    if (sent + failed > 0) log(`Report emails for ${month} v${entry.version}: ${sent} sent, ${failed} failed`)
  }
  const previousMonth = () => addMonths(bangkokMonth(clock.now()), -1)
  const report = (onlyIfMissing: boolean) => {
    running = run(previousMonth(), onlyIfMissing).catch((err) =>
      log(`Monthly report failed: ${(err as Error).message}`),
    )
    return running
  }
  const job = onSchedule(REPORT_CRON, () => report(false))
  void report(true)
  return async () => {
    job.stop()
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
