import { describe, expect, it } from 'vitest'
import {
  outlookStatus,
  pathByNow,
  projectCutoff,
  projectWithShape,
  shareByNow,
  targetPath,
  wholeYears,
  yearShape,
} from '../../shared/outlook.js'

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
    // One earlier year of the same shape: the range is ±10 % of the share of the year gone.
    expect(p?.low).toBe(Math.round(25 / ((2 / 12) * 1.1)))
    expect(p?.high).toBe(Math.round(25 / ((2 / 12) * 0.9)))
  })

  it('takes no shape from a year the product did not record whole (a month without downloads)', () => {
    const started = [0, 0, ...seasonal.slice(2)]
    expect(wholeYears([started, even])).toEqual([even])
    expect(yearShape([started])).toEqual(yearShape([]))
    expect(projectCutoff(field(10), 9, 2, [started])).toEqual(projectCutoff(field(10), 9, 2))
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
  it('follows the year’s shape, not a flat line, and ends at the target', () => {
    const path = targetPath(1200, yearShape([seasonal]))
    expect(path).toHaveLength(12)
    expect(path.at(-1)).toBe(1200)
    const steps = path.map((c, i) => c - (i === 0 ? 0 : (path[i - 1] as number)))
    // Busier months need more: May (the 8th month) more than January (the 4th).
    expect(steps[7]).toBeGreaterThan(steps[3] as number)
    expect(new Set(steps).size).toBeGreaterThan(1)
  })

  it('an even year is a straight line to the target', () => {
    expect(targetPath(1200)).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * 100))
  })

  it.each([
    { target: 1200, elapsed: 0, byNow: 0 },
    { target: 1200, elapsed: 1.5, byNow: 150 },
    { target: 1200, elapsed: 12, byNow: 1200 },
    { target: 0, elapsed: 6, byNow: 0 },
  ])('stands at $byNow of $target after $elapsed months of an even year', ({ target, elapsed, byNow }) => {
    expect(pathByNow(target, yearShape([]), elapsed)).toBe(byNow)
  })
})

describe('the projection at the year’s pace', () => {
  it.each([
    { name: 'an even year, two months in', downloads: 200, shape: [], elapsed: 2, projection: 1200 },
    {
      name: 'a seasonal year, two quiet months in',
      downloads: 200,
      shape: [seasonal],
      elapsed: 2,
      projection: 2200,
    },
    { name: 'the first hour counts as a day', downloads: 10, shape: [], elapsed: 0, projection: 3600 },
    { name: 'a year that is over', downloads: 777, shape: [seasonal], elapsed: 12, projection: 777 },
  ])('$name', ({ downloads, shape, elapsed, projection }) => {
    expect(projectWithShape(downloads, yearShape(shape), elapsed)).toBe(projection)
  })

  it('a seasonal year with quiet first months projects more than an even year would', () => {
    expect(projectWithShape(200, yearShape([seasonal]), 2)).toBeGreaterThan(
      projectWithShape(200, yearShape([]), 2),
    )
  })
})

describe('the outlook status: judged against the path at today’s date', () => {
  it.each([
    { yearOver: false, awarded: true, downloads: 10, pathNow: 300, status: 'in_place' },
    { yearOver: false, awarded: false, downloads: 300, pathNow: 300, status: 'near' },
    { yearOver: false, awarded: false, downloads: 299, pathNow: 300, status: 'behind' },
    { yearOver: false, awarded: false, downloads: 0, pathNow: 0, status: 'near' },
    { yearOver: true, awarded: true, downloads: 0, pathNow: 1000, status: 'awarded' },
    { yearOver: true, awarded: false, downloads: 5000, pathNow: 1000, status: 'not_awarded' },
  ])('$status ($downloads against $pathNow)', ({ status, ...input }) => {
    expect(outlookStatus(input)).toBe(status)
  })
})
