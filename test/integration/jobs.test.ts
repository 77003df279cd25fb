import { describe, expect, it, vi } from 'vitest'
import { clock } from '../../functions/clock.js'
import { recomputeHandler, rollupHandler } from '../../functions/jobs/lambda.js'
import { reportHandler } from '../../functions/jobs/report-lambda.js'
import { addMonths, bangkokMonth } from '../../shared/time.js'

describe('scheduled job entries', () => {
  it('the rollup handler recounts today and yesterday', async () => {
    const result = (await rollupHandler()) as { days: string[] }
    expect(result.days).toHaveLength(2)
  })

  it('the recompute handler defaults to the previous Bangkok month', async () => {
    expect(await recomputeHandler({})).toEqual({
      month: addMonths(bangkokMonth(clock.now()), -1),
      subjects: 0,
    })
  })

  it('the recompute handler refuses a malformed month', async () => {
    await expect(recomputeHandler({ month: '2022-13' })).rejects.toThrow('month must be YYYY-MM')
  })

  it('the report handler generates the previous Bangkok month and answers its entry', async () => {
    const result = await reportHandler({})
    expect(result).toMatchObject({
      month: addMonths(bangkokMonth(clock.now()), -1),
      version: 1,
      created: true,
    })
    expect(result.files.map((f) => f.name)).toContain('report.pdf')
  })

  it('the report handler fails on a month it cannot make, so the run is retried and alarmed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(reportHandler({ month: '2022-13' })).rejects.toThrow('month must be YYYY-MM')
    await expect(reportHandler({ month: '2999-01' })).rejects.toThrow('in the future')
  })
})
