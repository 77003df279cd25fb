import { describe, expect, it } from 'vitest'
import type { PerformanceResponse } from '../../shared/api.js'
import { extraNeededForMid, whatIf } from '../../web/src/pages/Agency/whatIf.js'

/** An agency two months into a year: projected to end at 1,000 with 10 months left; cut-off 1,500–2,300. */
const performance = (over: Partial<PerformanceResponse> = {}) =>
  ({
    projection: 1000,
    remainingMonths: 10,
    outlook: {
      status: 'behind',
      provisional: true,
      projectedCutoff: { low: 1500, mid: 1900, high: 2300 },
      neededPerMonth: 161,
    },
    ...over,
  }) as PerformanceResponse

describe('what if the agency adds N downloads a month', () => {
  it.each([
    { extra: 0, end: 1000, verdict: 'short', shortOfMid: 900 },
    { extra: 50, end: 1500, verdict: 'above_low', shortOfMid: 400 },
    { extra: 90, end: 1900, verdict: 'above_mid', shortOfMid: 0 },
    { extra: 130, end: 2300, verdict: 'above_high', shortOfMid: 0 },
    { extra: -20, end: 1000, verdict: 'short', shortOfMid: 900 },
    { extra: Number.NaN, end: 1000, verdict: 'short', shortOfMid: 900 },
    { extra: 12.6, end: 1130, verdict: 'short', shortOfMid: 770 },
  ])('+$extra a month ends at $end: $verdict', ({ extra, end, verdict, shortOfMid }) => {
    expect(whatIf(performance(), extra)).toEqual({ end, verdict, shortOfMid })
  })

  it('has nothing to compare with when there is no projected cut-off', () => {
    expect(whatIf(performance({ outlook: undefined }), 10)).toEqual({
      end: 1100,
      verdict: 'unknown',
      shortOfMid: null,
    })
  })

  it.each([
    { name: 'behind: 90 a month more reaches the mid', over: {}, needed: 90 },
    { name: 'already projected past the mid', over: { projection: 2000 }, needed: 0 },
    { name: 'a year that is over', over: { remainingMonths: 0 }, needed: null },
    { name: 'no projected cut-off', over: { outlook: undefined }, needed: null },
  ])('extra needed for the mid: $name', ({ over, needed }) => {
    expect(extraNeededForMid(performance(over))).toBe(needed)
  })
})
