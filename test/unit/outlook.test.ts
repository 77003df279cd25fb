import { describe, expect, it } from 'vitest'
import { outlookStatus, projectCutoff, shareByNow, targetPath, yearShape } from '../../shared/outlook.js'

const even = Array.from({ length: 12 }, () => 100)
/** A seasonal year: quiet October–December, busy in the budget months (May–July). */
const seasonal = [50, 50, 50, 80, 80, 100, 100, 150, 150, 150, 80, 60]

describe('the shape of a year', () => {
  it.each([
    { name: 'no earlier year: even', years: [], first: 1 / 12, share2: 2 / 12 },
    { name: 'an even year', years: [even], first: 1 / 12, share2: 2 / 12 },
    { name: 'a seasonal year', years: [seasonal], first: 50 / 1100, share2: 100 / 1100 },
    {
      name: 'two years average',
      years: [even, seasonal],
      first: (1 / 12 + 50 / 1100) / 2,
      share2: (2 / 12 + 100 / 1100) / 2,
    },
  ])('$name', ({ years, first, share2 }) => {
    const shape = yearShape(years)
    expect(shape).toHaveLength(12)
    expect(shape.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10)
    expect(shape[0]).toBeCloseTo(first, 10)
    expect(shareByNow(shape, 2)).toBeCloseTo(share2, 10)
  })

  it('counts the month in progress by the fraction of it gone, and a year no further than its end', () => {
    expect(shareByNow(yearShape([]), 1.5)).toBeCloseTo(1.5 / 12, 10)
    expect(shareByNow(yearShape([]), 14)).toBe(1)
  })
})

/** Ten contenders whose downloads so far are `base` scaled: 10×, 9×, … 1×. */
const field = (base: number) => Array.from({ length: 10 }, (_, i) => base * (10 - i))

describe('the projected year-end cut-off, on synthetic years with known answers', () => {
  it('an even year: two months in, the cut-off so far grows six-fold', () => {
    // 9 places: the cut-off so far is the 9th, 20; around it ranks 7–11 (40, 30, 20, 10): median 25.
    const p = projectCutoff(field(10), 9, 2, [even])
    expect(p?.mid).toBe(150) // 25 / (2/12)
    expect(p?.low).toBe(p?.mid) // one earlier year, the same shape: no spread
  })

  it('a seasonal year: two quiet months in, the projection is larger than an even year would say', () => {
    const p = projectCutoff(field(10), 9, 2, [seasonal])
    expect(p?.mid).toBe(Math.round(25 / (100 / 1100))) // 275
    expect(p?.mid).toBeGreaterThan(projectCutoff(field(10), 9, 2, [even])?.mid as number)
  })

  it('a spiky field: one entry around the cut-off spiking moves the median little', () => {
    const calm = field(10)
    const spiky = [...calm]
    spiky[7] = 5000 // rank 8 spikes to first place; the others around the cut-off stay
    const a = projectCutoff(calm, 9, 2, [even])?.mid as number
    const b = projectCutoff(spiky, 9, 2, [even])?.mid as number
    expect(Math.abs(b - a) / a).toBeLessThan(0.5)
  })

  it('without history: a range of ±20 % of the share of the year gone, mid the even year', () => {
    const p = projectCutoff(field(10), 9, 2)
    expect(p).toEqual({
      low: Math.round(25 / ((2 / 12) * 1.2)),
      mid: 150,
      high: Math.round(25 / ((2 / 12) * 0.8)),
    })
  })

  it('with years of different shapes: low and high from the extremes', () => {
    const p = projectCutoff(field(10), 9, 2, [even, seasonal]) as { low: number; mid: number; high: number }
    expect(p.low).toBe(150) // the even year had more of its downloads by now
    expect(p.high).toBe(275) // the seasonal one fewer
    expect(p.mid).toBeGreaterThan(p.low)
    expect(p.mid).toBeLessThan(p.high)
  })

  it('is never below the cut-off so far, and is the cut-off itself once the year is over', () => {
    expect(projectCutoff(field(10), 9, 12, [even])).toEqual({ low: 20, mid: 20, high: 20 })
    const late = projectCutoff([1000, 900, 800, 700, 600, 500, 400, 300, 200, 10], 9, 11.99, [even])
    expect(late?.low).toBeGreaterThanOrEqual(200)
  })

  it('has nothing to project when nobody has downloads', () => {
    expect(projectCutoff([0, 0, 0], 9, 2)).toBeUndefined()
    expect(projectCutoff([], 9, 2)).toBeUndefined()
  })

  it('with fewer entries than places, the last entry is the cut-off so far', () => {
    expect(projectCutoff([30, 20], 9, 6, [even])?.mid).toBeGreaterThanOrEqual(20)
  })
})

describe('the target path', () => {
  it('follows the year’s shape from where the agency stands, not a flat line, and ends at the target', () => {
    const path = targetPath([100, 50], 1200, 2, yearShape([seasonal]))
    expect(path.slice(0, 2)).toEqual([100, 150])
    expect(path.at(-1)).toBe(1200)
    const steps = path.slice(2).map((c, i) => c - (path[i + 1] as number))
    // Busier months need more: May (the 8th month) more than January (the 4th).
    expect(steps[5]).toBeGreaterThan(steps[1] as number)
    expect(new Set(steps).size).toBeGreaterThan(1)
  })

  it('an even year is a straight line to the target', () => {
    const path = targetPath([], 1200, 0)
    expect(path).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * 100))
  })

  it('an agency already past its target keeps what it has', () => {
    expect(targetPath([900, 900], 1000, 2).at(-1)).toBe(1800)
  })
})

describe('the outlook status', () => {
  const cut = { low: 800, mid: 1000, high: 1300 }
  it.each([
    { yearOver: false, awarded: true, projection: 500, projectedCutoff: cut, status: 'in_place' },
    { yearOver: false, awarded: false, projection: 900, projectedCutoff: cut, status: 'near' },
    { yearOver: false, awarded: false, projection: 799, projectedCutoff: cut, status: 'behind' },
    { yearOver: false, awarded: false, projection: 10, projectedCutoff: undefined, status: 'behind' },
    { yearOver: true, awarded: true, projection: 0, projectedCutoff: cut, status: 'awarded' },
    { yearOver: true, awarded: false, projection: 5000, projectedCutoff: cut, status: 'not_awarded' },
  ])('$status', ({ status, ...input }) => {
    expect(outlookStatus(input)).toBe(status)
  })
})
