import { randomUUID } from 'node:crypto'
import type { Run, RunStep, RunTrigger } from '../../shared/runs.js'
import { addMonths, bangkokMonth } from '../../shared/time.js'
import { clock } from '../clock.js'
import { config } from '../config.js'
import { sendReportEmails } from '../email/send-report-emails.js'
import { log } from '../log.js'
import { generateMonthlyReport } from '../reports/generate.js'
import { listReportEntries } from '../store/reports.js'
import { saveRun } from '../store/runs.js'
import { recomputeMonth } from './rollup.js'

/**
 * The monthly pipeline, one step after the other: recount the month from raw events, make its report, send the
 * report's emails. The AWS schedule and the local schedule both run it (`MONTHLY_RUN_CRON`), DGA runs a step by
 * hand. Each run is recorded in the run history (`GET /v1/runs`) as it goes: a step that fails stops the steps
 * after it and fails the run, so its schedule retries it; a retry redoes only what is not done (the recount is
 * idempotent, an unchanged report writes nothing, emails already sent are skipped).
 */
export type MonthlyStep = 'recount' | 'report' | 'emails'
export const MONTHLY_STEPS: readonly MonthlyStep[] = ['recount', 'report', 'emails']

export interface MonthlyOptions {
  trigger: RunTrigger
  /** The steps to run, in pipeline order. @default all */
  steps?: readonly MonthlyStep[]
  /** The report version the emails announce when the report step does not run. @default the latest */
  version?: number
  /** Progress lines for a person watching (the local runtime's console, the CLI). */
  progress?: (message: string) => void
}

export class MonthlyRunError extends Error {
  override name = 'MonthlyRunError'
  constructor(
    readonly run: Run,
    readonly step: string,
    cause: Error,
  ) {
    super(`${run.month} ${step} failed: ${cause.message}`, { cause })
  }
}

/** The month a scheduled run is for: the one just ended. */
export const monthJustEnded = (now = clock.now()) => addMonths(bangkokMonth(now), -1)

/** Runs the monthly pipeline for `month`; answers the run as recorded, or throws a MonthlyRunError. */
export async function runMonthly(month: string, options: MonthlyOptions): Promise<Run> {
  const wanted = new Set(options.steps ?? MONTHLY_STEPS)
  const progress = options.progress ?? (() => {})
  const run: Run = {
    runId: randomUUID(),
    kind: 'monthly',
    month,
    trigger: options.trigger,
    status: 'running',
    startedAt: clock.iso(),
    steps: [],
  }
  await saveRun(run)
  let version = options.version
  const step = async (name: MonthlyStep, work: () => Promise<RunStep['result'] | 'skipped'>) => {
    if (!wanted.has(name)) return
    const record: RunStep = { name, status: 'running', startedAt: clock.iso() }
    run.steps.push(record)
    await saveRun(run)
    try {
      const result = await work()
      if (result === 'skipped') record.status = 'skipped'
      else {
        record.status = 'succeeded'
        if (result) record.result = result
      }
    } catch (err) {
      record.status = 'failed'
      record.error = (err as Error).message
      run.status = 'failed'
      run.error = `${name}: ${record.error}`
      throw new MonthlyRunError(run, name, err as Error)
    } finally {
      record.finishedAt = clock.iso()
      if (run.status === 'failed') run.finishedAt = record.finishedAt
      await saveRun(run)
    }
  }

  try {
    await step('recount', async () => {
      const counts = await recomputeMonth(month)
      progress(`${month}: recounted from raw events`)
      return { agencies: counts.agencies.size, datasets: counts.datasets.size }
    })
    await step('report', async () => {
      const started = Date.now()
      const { entry, created } = await generateMonthlyReport(month)
      version = entry.version
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      progress(
        created
          ? `Monthly report ${month}: version ${entry.version} stored in ${seconds} s (Reports page)`
          : `Monthly report ${month}: unchanged since version ${entry.version}`,
      )
      return { version: entry.version, created, files: entry.files.length }
    })
    await step('emails', async () => {
      if (config().mail.transport === 'none') return 'skipped'
      version ??= (await listReportEntries(month))[0]?.version
      if (version === undefined) throw new Error(`${month} has no report to announce: make it first`)
      const result = await sendReportEmails({ month, version }, { log: progress })
      if (result.failed > 0) throw new Error(`${result.failed} report emails failed; a retry sends them`)
      return { version, ...result }
    })
  } catch (err) {
    log.error('monthly run failed', { month, runId: run.runId, error: err as Error })
    throw err
  }
  run.status = 'succeeded'
  run.finishedAt = clock.iso()
  await saveRun(run)
  log.info('monthly run', { month, runId: run.runId, steps: run.steps })
  return run
}
