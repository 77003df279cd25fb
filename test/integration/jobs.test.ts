import { describe, expect, it, vi } from 'vitest'
import { clock } from '../../functions/clock.js'
import { rollupHandler } from '../../functions/jobs/lambda.js'
import { monthlyHandler } from '../../functions/jobs/monthly-lambda.js'
import { listRuns } from '../../functions/store/runs.js'
import { addMonths, bangkokMonth } from '../../shared/time.js'

describe('scheduled job entries', () => {
  it('the rollup handler answers what it counted: nothing new, no day touched', async () => {
    expect(await rollupHandler()).toMatchObject({ days: [], counted: 0, changed: 0 })
  })

  it('the monthly handler runs the whole pipeline for the previous Bangkok month, and records the run', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    const run = await monthlyHandler({})
    const month = addMonths(bangkokMonth(clock.now()), -1)
    expect(run).toMatchObject({ kind: 'monthly', month, trigger: 'schedule', status: 'succeeded' })
    // A stack without a sender (no MAIL_TRANSPORT on Lambda) skips the emails; outside Lambda: the outbox.
    expect(run.steps.map((s) => [s.name, s.status])).toEqual([
      ['recount', 'succeeded'],
      ['report', 'succeeded'],
      ['emails', 'succeeded'],
    ])
    expect(run.steps[1]?.result).toMatchObject({ version: 1, created: true })
    expect((await listRuns()).find((r) => r.runId === run.runId)).toEqual(run)
  })

  it('the monthly handler runs only the steps it is asked for (DGA: the report)', async () => {
    const run = await monthlyHandler({ month: '2022-10', steps: ['report'], requestedBy: 'dga-1' })
    expect(run).toMatchObject({ trigger: 'dga', status: 'succeeded' })
    expect(run.steps.map((s) => s.name)).toEqual(['report'])
  })

  it('the monthly handler fails on a month it cannot make, so the run is retried and alarmed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(monthlyHandler({ month: '2022-13' })).rejects.toThrow('month must be YYYY-MM')
    await expect(monthlyHandler({ month: '2022-11', steps: ['publish'] })).rejects.toThrow('steps must be')
    await expect(monthlyHandler({ month: '2999-01', steps: ['report'] })).rejects.toThrow('in the future')
    // The failed run is in the history, with the step that failed and why.
    const [latest] = await listRuns(1)
    expect(latest).toMatchObject({
      month: '2999-01',
      status: 'failed',
      steps: [{ name: 'report', status: 'failed' }],
    })
    expect(latest?.error).toMatch(/report: .*in the future/)
  })
})
