import { beforeAll, describe, expect, it } from 'vitest'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import type { AgencyActionsResponse, AwardsResponse, PerformanceResponse } from '../../shared/api.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { emptyPeriodCounts, type PeriodCounts, sumPeriodCounts } from '../../shared/counting/period-counts.js'
import { monthsOfFiscalYear } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { apiApp, bearer, getJson } from '../fixtures/http.js'

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
  // Odd agencies are ministries, even ones departments: award groups for a programme that awards by group.
  // Each agency has three datasets; counts fall on its first (the others have no download).
  await storeCatalog(
    buildCatalog(AGENCIES, 3, { agency: (a) => ({ group: a % 2 ? 'ministry' : 'department' }) }),
  )
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

/** PUTs a JSON body as a DGA official; the answer's status. */
async function putAsDga(path: string, body: unknown): Promise<number> {
  const res = await apiApp.request(path, {
    method: 'PUT',
    headers: { ...(await bearer('dga_admin')), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return res.status
}

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

  it('takes the projected year-end cut-off as the default target, and says so', async () => {
    const { body } = await getJson<PerformanceResponse>('/v1/agencies/agency-10/performance?fy=2570')
    expect(body.targetSource).toBe('projected_cutoff')
    expect(body.target).toBe(body.outlook?.projectedCutoff?.mid)
    expect(body.neededPerMonth).toBe(body.outlook?.neededPerMonth)
  })

  it('gives a target path that follows the year and ends at the target, and last year for comparison', async () => {
    const { body } = await getJson<PerformanceResponse>('/v1/agencies/agency-10/performance?fy=2570')
    const path = body.targetPath as { month: string; cumulative: number }[]
    expect(path.map((p) => p.month)).toEqual(monthsOfFiscalYear(2570))
    expect(path.at(-1)?.cumulative).toBe(body.target)
    // Not a flat line, and not a straight one: the busy months of last year need more.
    const steps = path.map((p, i) => p.cumulative - (i ? (path[i - 1]?.cumulative as number) : 0))
    expect(steps[7]).toBeGreaterThan(2 * (steps[0] as number))
    // Behind: below the path at today's date (two months and a day or so in).
    expect(body.downloads).toBeLessThan(path[1]?.cumulative as number)
    expect(body.lastYear?.map((m) => m.month)).toEqual(monthsOfFiscalYear(2569))
    expect(body.lastYear?.at(-1)?.cumulative).toBe(SEASON.reduce((a, f) => a + Math.round(base(9) * f), 0))
  })

  it('measures an agency against the target DGA set, which wins, and judges its pace against that path', async () => {
    const before = await getJson<PerformanceResponse>('/v1/agencies/agency-12/performance?fy=2570')
    expect(before.body.outlook?.status).toBe('behind')
    expect(await putAsDga('/v1/targets/2570/agency-12', { downloads: 100 })).toBe(200)
    const { body } = await getJson<PerformanceResponse>('/v1/agencies/agency-12/performance?fy=2570')
    expect(body).toMatchObject({ target: 100, targetSource: 'dga' })
    expect(body.targetPath?.at(-1)?.cumulative).toBe(100)
    // 40 downloads two months into a year whose first months are quiet: ahead of the path to 100.
    expect(body.outlook?.status).toBe('near')
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

  it('projects each group’s own cut-off when the programme awards places per agency group', async () => {
    const programme = {
      categories: [
        { id: 'agency-plaque', subject: 'agency', places: 4, perGroup: { ministry: 1, department: 3 } },
        { id: 'dataset-certificate', subject: 'dataset', places: 49 },
      ],
    }
    expect(await putAsDga('/v1/awards/2570/programme', programme)).toBe(200)
    const { body } = await getJson<AwardsResponse>('/v1/awards?fy=2570')
    const groups = new Map(body.categories[0]?.groups?.map((g) => [g.group, g]))
    const ministry = groups.get('ministry')?.projectedCutoff?.mid as number
    const department = groups.get('department')?.projectedCutoff?.mid as number
    // Around each group's cut-off: ministries 480, 400, 320 (median 400); departments 440 … 120 (median 280).
    expect(ministry / department).toBeCloseTo(400 / 280, 2)
    const agency = await getJson<PerformanceResponse>('/v1/agencies/agency-10/performance?fy=2570')
    expect(agency.body.outlook?.projectedCutoff).toEqual(groups.get('department')?.projectedCutoff)
  })

  it('lists what an agency can act on: datasets near the certificate cut-off, silent datasets, group peers', async () => {
    const { status, body } = await getJson<AgencyActionsResponse>(
      '/v1/agencies/agency-10/actions?fy=2570',
      'agency_exec',
      ['agency-10'],
    )
    expect(status).toBe(200)
    const certificate = body.certificate as NonNullable<AgencyActionsResponse['certificate']>
    // 49 certificates and 12 datasets with downloads: every one is in a place, the cut-off is open (1).
    expect(certificate.datasets).toEqual([
      expect.objectContaining({ datasetId: 'dataset-10-1', downloads: 120, awarded: true, gapToCutoff: 0 }),
    ])
    expect(certificate.datasets[0]?.url).toMatch(/\/dataset\/dataset-10-1$/)
    expect(body.noDownloads.total).toBe(2)
    expect(body.noDownloads.datasets.map((d) => d.datasetId).sort()).toEqual(['dataset-10-2', 'dataset-10-3'])
    // Departments are the even agencies: agency-10 is the fifth of six, shown with four above and one below.
    expect(body.peers).toMatchObject({ group: 'department', size: 6 })
    expect(body.peers.agencies.map((a) => [a.agencyId, a.groupRank, a.rank, a.self ?? false])).toEqual([
      ['agency-2', 1, 2, false],
      ['agency-4', 2, 4, false],
      ['agency-6', 3, 6, false],
      ['agency-8', 4, 8, false],
      ['agency-10', 5, 10, true],
      ['agency-12', 6, 12, false],
    ])
  })

  it('tells the next datasets how far they are from a certificate when places are few', async () => {
    const programme = {
      categories: [{ id: 'dataset-certificate', subject: 'dataset', places: 3 }],
    }
    expect(await putAsDga('/v1/awards/2570/programme', programme)).toBe(200)
    const { body } = await getJson<AgencyActionsResponse>('/v1/agencies/agency-10/actions?fy=2570')
    // The third dataset (agency-3's, 400 downloads) is the cut-off; agency-10's first has 120.
    expect(body.certificate).toMatchObject({ places: 3, cutoff: 400 })
    expect(body.certificate?.datasets).toEqual([
      expect.objectContaining({ datasetId: 'dataset-10-1', awarded: false, gapToCutoff: 280, rank: 10 }),
    ])
    expect(body.certificate?.projectedCutoff?.mid).toBeGreaterThan(400)
  })

  it('says a year without downloads has no data: no standings, no cut-off', async () => {
    const { body } = await getJson<AwardsResponse>('/v1/awards?fy=2567')
    expect(body.noData).toBe(true)
    for (const c of body.categories)
      expect(c).toMatchObject({ standings: [], cutoff: null, projectedCutoff: null })
  })
})
