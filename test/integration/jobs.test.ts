import { describe, expect, it } from 'vitest'
import { recomputeHandler, rollupHandler } from '../../functions/jobs/lambda.js'
import { addMonths, bangkokMonth } from '../../shared/time.js'

describe('scheduled job entries', () => {
  it('the rollup handler recounts today and yesterday', async () => {
    const result = (await rollupHandler()) as { days: string[] }
    expect(result.days).toHaveLength(2)
  })

  it('the recompute handler defaults to the previous Bangkok month', async () => {
    expect(await recomputeHandler({})).toEqual({
      month: addMonths(bangkokMonth(Date.now()), -1),
      subjects: 0,
    })
  })

  it('the recompute handler refuses a malformed month', async () => {
    await expect(recomputeHandler({ month: '2022-13' })).rejects.toThrow('month must be YYYY-MM')
  })
})
