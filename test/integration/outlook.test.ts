import { beforeAll, describe, expect, it } from 'vitest'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import type { AwardsResponse, PerformanceResponse } from '../../shared/api.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { emptyPeriodCounts, type PeriodCounts, sumPeriodCounts } from '../../shared/counting/period-counts.js'
import { monthsOfFiscalYear } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { getJson } from '../fixtures/http.js'

/** One month's counts: agency-i has `perAgency[i-1]` downloads (each on its one dataset). */
function counts(perAgency: number[]): PeriodCounts {
  const c = emptyPeriodCounts()
  perAgency.forEach((downloads, i) => {
    const n = { ...ZERO_COUNTS, downloads, uniqueDownloads: downloads }
    c.agencies.set(`agency-${i + 1}`, n)
    c.datasets.set(`dataset-${i + 1}-1`, { ...n, agencyId: `agency-${i + 1}` })
  })
  return c
}

/** FY 2569's busy months are May to July: a seasonal year the projection learns its shape from. */
const SEASON = [1, 1, 1, 1.5, 1.5, 2, 2, 3, 3, 3, 1.5, 1]
const AGENCIES = 12
const base = (i: number) => 20 * (AGENCIES - i) // agency-1 20×12 … agency-12 20×1

beforeAll(async () => {
  await storeCatalog(buildCatalog(AGENCIES, 1))
  // Months and their fiscal year, as the rollup keeps them (a year is the sum of its months).
  const store = async (fy: number, months: [string, PeriodCounts][]) => {
    for (const [month, c] of months) await replacePeriodCounts({ month }, c)
    await replacePeriodCounts({ fy }, sumPeriodCounts(months.map(([, c]) => c)))
  }
  const season = (m: number) => (i: number) => Math.round(base(i) * (SEASON[m] as number))
  await store(
    2569,
    monthsOfFiscalYear(2569).map((month, m) => [
      month,
      counts(Array.from({ length: AGENCIES }, (_, i) => season(m)(i))),
    ]),
  )
  // FY 2570 so far (the suite's clock: 2 December 2026): October and November, quiet months.
  await store(
    2570,
    ['2026-10', '2026-11'].map((month) => [
      month,
      counts(Array.from({ length: AGENCIES }, (_, i) => base(i))),
    ]),
  )
})

describe('the award outlook of a fiscal year in progress', () => {
  it('tells an agency just outside the places it is behind, what the cut-off will likely be, and what it needs', async () => {
    // agency-10 ranks 10th: the 9 plaques end at agency-9.
    const { body } = await getJson<PerformanceResponse>('/v1/agencies/agency-10/performance?fy=2570')
    expect(body).toMatchObject({ rank: 10, awarded: false })
    const outlook = body.outlook as NonNullable<PerformanceResponse['outlook']>
    expect(outlook).toMatchObject({ status: 'behind', provisional: true })
    const cut = outlook.projectedCutoff as { low: number; mid: number; high: number }
    expect(cut.low).toBeLessThanOrEqual(cut.mid)
    expect(cut.mid).toBeLessThanOrEqual(cut.high)
    // Never below the cut-off so far; well above it two quiet months into a seasonal year.
    expect(cut.low).toBeGreaterThanOrEqual(body.cutoff as number)
    expect(cut.mid).toBeGreaterThan(6 * (body.cutoff as number))
    // To reach it the agency needs more a month than its pace so far.
    const pace = body.downloads / 2
    expect(outlook.neededPerMonth).toBeGreaterThan(pace)
  })

  it('gives a target path that follows the year, ends at the target, and keeps the months gone', async () => {
    const { body } = await getJson<PerformanceResponse>('/v1/agencies/agency-10/performance?fy=2570')
    const path = body.targetPath as { month: string; cumulative: number }[]
    expect(path.map((p) => p.month)).toEqual(monthsOfFiscalYear(2570))
    expect(path[1]?.cumulative).toBe(body.months[1]?.cumulative)
    expect(path.at(-1)?.cumulative).toBe(Math.max(body.target, body.downloads))
    const steps = path.slice(2).map((p, i) => p.cumulative - (path[i + 1]?.cumulative as number))
    expect(new Set(steps).size).toBeGreaterThan(1) // not a flat line: busier months need more
  })

  it('says an agency in an award place is in place, provisionally', async () => {
    const { body } = await getJson<PerformanceResponse>('/v1/agencies/agency-1/performance?fy=2570')
    expect(body.outlook).toMatchObject({ status: 'in_place', provisional: true })
  })

  it('marks the awards of a running year provisional, with a projected cut-off per category', async () => {
    const { body } = await getJson<AwardsResponse>('/v1/awards?fy=2570')
    expect(body.provisional).toBe(true)
    for (const c of body.categories) expect(c.projectedCutoff?.mid).toBeGreaterThanOrEqual(c.cutoff as number)
  })

  it('shows the actual cut-off of a year that is over, final', async () => {
    const { body } = await getJson<AwardsResponse>('/v1/awards?fy=2569')
    expect(body.provisional).toBe(false)
    const plaque = body.categories.find((c) => c.subject === 'agency')
    expect(plaque?.projectedCutoff).toEqual({
      low: plaque?.cutoff,
      mid: plaque?.cutoff,
      high: plaque?.cutoff,
    })
    const done = await getJson<PerformanceResponse>('/v1/agencies/agency-10/performance?fy=2569')
    expect(done.body.outlook).toMatchObject({ status: 'not_awarded', provisional: false })
  })

  it('says a year without downloads has no data: no standings, no cut-off', async () => {
    const { body } = await getJson<AwardsResponse>('/v1/awards?fy=2567')
    expect(body.noData).toBe(true)
    for (const c of body.categories)
      expect(c).toMatchObject({ standings: [], cutoff: null, projectedCutoff: null })
  })
})
