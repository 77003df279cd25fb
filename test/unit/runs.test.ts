import { describe, expect, it } from 'vitest'
import { monthlyRunAlert, type Run } from '../../shared/runs.js'

describe('what DGA is told about the month just ended', () => {
  const now = Date.parse('2026-12-02T10:00:00+07:00')
  const run = (month: string, status: Run['status'], startedAt: string): Run => ({
    runId: `${month}-${startedAt}`,
    kind: 'monthly',
    month,
    trigger: 'schedule',
    status,
    startedAt,
    steps: [],
  })
  it.each([
    {
      name: 'nothing when it succeeded',
      runs: [run('2026-11', 'succeeded', '2026-11-30T18:00:00Z')],
      kind: null,
    },
    {
      name: 'a failure when its latest run failed',
      runs: [run('2026-11', 'failed', '2026-11-30T18:00:00Z')],
      kind: 'failed',
    },
    {
      name: 'nothing when a retry succeeded after a failure',
      runs: [
        run('2026-11', 'failed', '2026-11-30T18:00:00Z'),
        run('2026-11', 'succeeded', '2026-11-30T19:00:00Z'),
      ],
      kind: null,
    },
    { name: 'late when no run happened by the morning of the 2nd', runs: [], kind: 'late' },
    {
      name: 'late when only an earlier month ran',
      runs: [run('2026-10', 'succeeded', '2026-10-31T18:00:00Z')],
      kind: 'late',
    },
    {
      name: 'a long run when one is still running',
      runs: [run('2026-11', 'running', '2026-11-30T18:00:00Z')],
      kind: 'running-long',
    },
  ])('$name', ({ runs, kind }) => {
    expect(monthlyRunAlert(runs, now)?.kind ?? null).toBe(kind)
  })

  it('is not late yet in the first hours of the 1st', () => {
    expect(monthlyRunAlert([], Date.parse('2026-12-01T05:00:00+07:00'))).toBeNull()
    expect(monthlyRunAlert([], Date.parse('2026-12-01T07:59:00+07:00'))).toBeNull()
    expect(monthlyRunAlert([], Date.parse('2026-12-01T08:01:00+07:00'))?.kind).toBe('late')
  })
})
