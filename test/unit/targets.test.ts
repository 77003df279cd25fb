import { describe, expect, it } from 'vitest'
import {
  effectiveTarget,
  fiscalYearClock,
  gapToCutoff,
  neededPerMonth,
  projectToYearEnd,
  targetPercent,
} from '../../shared/targets.js'

const at = (iso: string) => Date.parse(iso)

describe('fiscal year clock (Bangkok time)', () => {
  it.each([
    // FY 2566 starts 2022-10-01 00:00 Bangkok = 2022-09-30T17:00Z.
    {
      now: '2022-09-30T16:59:59Z',
      remaining: 12,
      elapsedDays: 0,
      when: 'before the year (still FY 2565 in Bangkok)',
    },
    { now: '2022-09-30T17:00:00Z', remaining: 12, elapsedDays: 0, when: 'at the first instant' },
    {
      now: '2022-10-31T17:00:00Z',
      remaining: 11,
      elapsedDays: 31,
      when: 'at the start of November in Bangkok',
    },
    {
      now: '2023-03-31T16:59:59Z',
      remaining: 7,
      elapsedDays: 181,
      when: 'the last second of March in Bangkok',
    },
    { now: '2023-09-30T16:59:59Z', remaining: 1, elapsedDays: 364, when: 'the last second of the year' },
    { now: '2023-09-30T17:00:00Z', remaining: 0, elapsedDays: 365, when: 'once the year is over' },
  ])('$when: $remaining months remain', ({ now, remaining, elapsedDays }) => {
    const clock = fiscalYearClock(2566, at(now))
    expect(clock.remainingMonths).toBe(remaining)
    expect(Math.floor(clock.elapsedMs / 86_400_000)).toBe(elapsedDays)
    expect(clock.end - clock.start).toBe(365 * 86_400_000)
  })
})

describe('run-rate projection to fiscal year end', () => {
  it.each([
    {
      when: 'start: the first hour counts as one day',
      now: '2022-09-30T18:00:00Z',
      downloads: 10,
      projection: 3650,
    },
    { when: 'start: nothing yet projects nothing', now: '2022-09-30T18:00:00Z', downloads: 0, projection: 0 },
    {
      when: 'middle: half the year gone doubles',
      now: '2023-04-01T05:00:00Z',
      downloads: 1000,
      projection: 2000,
    },
    { when: 'end: the last day', now: '2023-09-30T05:00:00Z', downloads: 3645, projection: 3650 },
    { when: 'after the end: what it had', now: '2024-01-01T00:00:00Z', downloads: 1234, projection: 1234 },
  ])('$when', ({ now, downloads, projection }) => {
    expect(projectToYearEnd(downloads, 2566, at(now))).toBe(projection)
  })
})

describe('downloads needed per remaining month', () => {
  it.each([
    {
      when: 'start: spread over 12 months',
      now: '2022-10-01T00:00:00Z',
      downloads: 0,
      target: 1200,
      needed: 100,
    },
    {
      when: 'middle: the current month still counts',
      now: '2023-04-15T00:00:00Z',
      downloads: 600,
      target: 1200,
      needed: 100,
    },
    { when: 'rounds up', now: '2023-04-15T00:00:00Z', downloads: 600, target: 1201, needed: 101 },
    {
      when: 'end: all of it in September',
      now: '2023-09-29T00:00:00Z',
      downloads: 900,
      target: 1000,
      needed: 100,
    },
    { when: 'target met', now: '2023-04-15T00:00:00Z', downloads: 1500, target: 1200, needed: 0 },
    {
      when: 'year over and short: no month left',
      now: '2023-10-02T00:00:00Z',
      downloads: 900,
      target: 1000,
      needed: null,
    },
    { when: 'year over and met', now: '2023-10-02T00:00:00Z', downloads: 1000, target: 1000, needed: 0 },
  ])('$when', ({ now, downloads, target, needed }) => {
    expect(neededPerMonth(downloads, target, 2566, at(now))).toBe(needed)
  })
})

describe('gap to the cut-off, target percent and the default target', () => {
  it.each([
    { downloads: 80, cutoff: 100, gap: 20 },
    { downloads: 100, cutoff: 100, gap: 0 },
    { downloads: 150, cutoff: 100, gap: 0 },
    { downloads: 5, cutoff: null, gap: null },
  ])('$downloads against cut-off $cutoff leaves $gap', ({ downloads, cutoff, gap }) => {
    expect(gapToCutoff(downloads, cutoff)).toBe(gap)
  })

  it.each([
    { downloads: 1, target: 3, percent: 33.3 },
    { downloads: 250, target: 200, percent: 125 },
    { downloads: 0, target: 0, percent: 100 },
  ])('$downloads of $target is $percent %', ({ downloads, target, percent }) => {
    expect(targetPercent(downloads, target)).toBe(percent)
  })

  it.each([
    { set: 500, cutoff: 900, target: 500 },
    { set: 0, cutoff: 900, target: 0 },
    { set: undefined, cutoff: 900, target: 900 },
    { set: undefined, cutoff: null, target: 0 },
  ])('a set target of $set with cut-off $cutoff gives $target', ({ set, cutoff, target }) => {
    expect(effectiveTarget(set, cutoff)).toBe(target)
  })
})
