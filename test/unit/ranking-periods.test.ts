import { describe, expect, it } from 'vitest'
import { landingPeriod, rankComparison } from '../../shared/ranking-periods.js'

const at = (iso: string) => Date.parse(iso)

describe('the ranking the dashboard opens on', () => {
  it.each([
    // The fiscal year starts at midnight Bangkok time on 1 October (17:00 UTC the day before).
    {
      now: '2026-09-30T16:59:59Z',
      expected: { fy: 2569 },
      why: 'the last second of FY 2569: its year to date',
    },
    { now: '2026-09-30T17:00:00Z', expected: { month: '2026-09' }, why: 'the first second of FY 2570' },
    { now: '2026-10-01T09:00:00+07:00', expected: { month: '2026-09' }, why: 'the first day of October' },
    { now: '2026-10-02T10:00:00+07:00', expected: { month: '2026-09' }, why: 'a two-day-old year' },
    { now: '2026-10-31T23:59:00+07:00', expected: { month: '2026-09' }, why: 'the last minute of October' },
    { now: '2026-11-01T00:00:00+07:00', expected: { fy: 2570 }, why: 'a year one month old' },
    { now: '2026-12-02T10:00:00+07:00', expected: { fy: 2570 }, why: 'two months into the year' },
    { now: '2027-04-15T12:00:00+07:00', expected: { fy: 2570 }, why: 'mid-year' },
    { now: '2027-09-30T23:00:00+07:00', expected: { fy: 2570 }, why: 'the last day of the year' },
  ])('opens on $expected on $now ($why)', ({ now, expected }) => {
    expect(landingPeriod(at(now))).toEqual(expected)
  })
})

describe('rank change only against a comparable period', () => {
  const now = at('2026-12-02T10:00:00+07:00') // two months into FY 2570
  it.each([
    { period: { month: '2026-11' }, expected: { month: '2026-10' }, why: 'a whole month: the month before' },
    {
      period: { month: '2026-10' },
      expected: { month: '2026-09' },
      why: 'across fiscal years, months compare',
    },
    { period: { month: '2026-12' }, expected: null, why: 'a month in progress against a full month: none' },
    {
      period: { fy: 2570 },
      expected: { fy: 2570, through: '2026-11' },
      why: 'a year to date: the same year at the end of last month',
    },
    {
      period: { fy: 2569 },
      expected: { fy: 2569, through: '2026-08' },
      why: 'a year over: the year without its last month',
    },
    {
      period: { fy: 2570, through: '2026-11' },
      expected: { fy: 2570, through: '2026-10' },
      why: "a report's year to date: through the month before",
    },
    {
      period: { fy: 2570, through: '2026-10' },
      expected: null,
      why: "a year's first month: no earlier standing",
    },
  ])('compares $period with $expected ($why)', ({ period, expected }) => {
    expect(rankComparison(period, now)).toEqual(expected)
  })

  it.each([
    { now: '2026-10-20T10:00:00+07:00', expected: null, why: 'while the year is in its first month' },
    {
      now: '2026-11-01T00:00:00+07:00',
      expected: { fy: 2570, through: '2026-10' },
      why: 'once October is over',
    },
  ])('compares the running year to date with $expected $why', ({ now: instant, expected }) => {
    expect(rankComparison({ fy: 2570 }, at(instant))).toEqual(expected)
  })

  it('compares a month with the month before from the instant it ends, Bangkok time', () => {
    expect(rankComparison({ month: '2026-11' }, at('2026-11-30T16:59:59Z'))).toBeNull()
    expect(rankComparison({ month: '2026-11' }, at('2026-11-30T17:00:00Z'))).toEqual({ month: '2026-10' })
  })
})
