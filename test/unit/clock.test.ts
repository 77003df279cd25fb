import { afterEach, describe, expect, it, vi } from 'vitest'
import { clock } from '../../functions/clock.js'
import { resetConfig } from '../../functions/config.js'
import { onSchedule } from '../../functions/local/monthly.js'
import { MONTHLY_RUN_CRON } from '../../shared/runs.js'

const saved = { ...process.env }
afterEach(() => {
  vi.useRealTimers()
  process.env = { ...saved }
  resetConfig()
})

const startAt = (iso: string | undefined) => {
  if (iso === undefined) delete process.env.OGD_NOW
  else process.env.OGD_NOW = iso
  resetConfig()
}

describe("the product's clock", () => {
  it('starts at OGD_NOW and runs on at real speed', () => {
    vi.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') })
    startAt('2026-10-01T00:30:00+07:00')
    expect(clock.iso()).toBe('2026-09-30T17:30:00.000Z')
    vi.advanceTimersByTime(90_000)
    expect(clock.iso()).toBe('2026-09-30T17:31:30.000Z')
    // Reading the same configuration again keeps the clock where it is.
    resetConfig()
    expect(clock.iso()).toBe('2026-09-30T17:31:30.000Z')
  })

  it('is real time without OGD_NOW', () => {
    vi.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') })
    startAt(undefined)
    expect(clock.now()).toBe(Date.parse('2030-01-01T00:00:00Z'))
  })
})

describe('the local schedule on the clock', () => {
  it.each([
    ['the 1st at 01:59:59 Bangkok', '2026-12-01T01:59:59+07:00', 1_000, 1],
    ['the 1st at 01:59:00 Bangkok, a second short', '2026-12-01T01:59:00+07:00', 58_000, 0],
    ['the last day of February in a leap year', '2028-02-29T23:00:00+07:00', 3 * 3_600_000 + 1_000, 1],
    ['30 September, before the fiscal year ends', '2026-09-30T12:00:00+07:00', 13 * 3_600_000, 0],
  ])('runs the monthly pipeline at 02:00 on the 1st: %s', (_, at, advance, runs) => {
    vi.useFakeTimers({ now: Date.parse('2035-06-15T12:00:00Z') }) // the real clock is elsewhere
    startAt(at)
    const task = vi.fn()
    const job = onSchedule(MONTHLY_RUN_CRON, task)
    vi.advanceTimersByTime(advance)
    job.stop()
    expect(task).toHaveBeenCalledTimes(runs)
  })

  it('waits a whole month, waking hourly, and runs once per month', () => {
    vi.useFakeTimers({ now: Date.parse('2035-06-15T12:00:00Z') })
    startAt('2026-10-01T03:00:00+07:00')
    const task = vi.fn()
    const job = onSchedule(MONTHLY_RUN_CRON, task)
    vi.advanceTimersByTime(61 * 86_400_000) // to 1 December 03:00
    job.stop()
    expect(task).toHaveBeenCalledTimes(2) // 1 November and 1 December, 02:00
  })
})
