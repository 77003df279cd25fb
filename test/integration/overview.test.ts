import { beforeAll, describe, expect, it } from 'vitest'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { emptyPeriodCounts, type PeriodCounts, sumPeriodCounts } from '../../shared/counting/period-counts.js'
import type { OverviewResponse } from '../../shared/overview.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { getJson } from '../fixtures/http.js'

/**
 * DGA's overview as of 2 December 2026 (the suite's clock; FY 2570) over 12 agencies of one dataset each, with
 * the default programme (9 agency plaques). October ranks agencies 3–11 in the places; November turns the order
 * round (agencies 1–9 by the end of November); December so far gives agency 11 5,000 downloads, mostly from its
 * few busiest clients, and agency 2 100: agency 11 moves into the places and agency 9 out. Agency 12 never has
 * a download. November's first two days (the comparable period of December so far) hold 80 downloads.
 */
const AGENCIES = 12

function counts(perAgency: Record<number, { downloads: number; topClientDownloads?: number }>): PeriodCounts {
  const c = emptyPeriodCounts()
  for (const [a, { downloads, topClientDownloads = 0 }] of Object.entries(perAgency)) {
    if (downloads === 0) continue
    const entry = { ...ZERO_COUNTS, downloads, uniqueDownloads: downloads, topClientDownloads, robots: 1 }
    c.agencies.set(`agency-${a}`, entry)
    c.datasets.set(`dataset-${a}-1`, { ...entry, agencyId: `agency-${a}` })
  }
  return c
}
const each = (f: (a: number) => number) =>
  Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i + 1, { downloads: f(i + 1) }]))

const october = counts(each((a) => 100 + a * 10))
const november = counts(each((a) => 2000 - a * 100))
const december = counts({ 11: { downloads: 5000, topClientDownloads: 4000 }, 2: { downloads: 100 } })

beforeAll(async () => {
  await storeCatalog(buildCatalog(AGENCIES, 1))
  const months: [string, PeriodCounts][] = [
    ['2026-10', october],
    ['2026-11', november],
    ['2026-12', december],
  ]
  for (const [month, c] of months) await replacePeriodCounts({ month }, c)
  await replacePeriodCounts({ fy: 2570 }, sumPeriodCounts(months.map(([, c]) => c)))
  await replacePeriodCounts({ day: '2026-11-01' }, counts({ 1: { downloads: 50 } }))
  await replacePeriodCounts({ day: '2026-11-02' }, counts({ 1: { downloads: 30 } }))
  await replacePeriodCounts({ day: '2026-11-03' }, counts({ 1: { downloads: 1000 } }))
})

const overview = async (query = '') => (await getJson<OverviewResponse>(`/v1/overview${query}`)).body
const ids = (movers: { agencyId: string }[] | undefined) => movers?.map((m) => m.agencyId)

describe('GET /v1/overview', () => {
  it('shows this month so far against the month before up to the same day', async () => {
    const body = await overview()
    expect(body.month).toBe('2026-12')
    expect(body.period).toMatchObject({ month: '2026-12', complete: false })
    expect(body.comparison).toEqual({ month: '2026-11', throughDay: '2026-11-02' })
    expect(body.figures.downloads).toMatchObject({ value: 5100, previous: 80 })
    expect(body.figures.activeAgencies).toMatchObject({ value: 2, previous: 1 })
    expect(body.figures.leftOut).toMatchObject({ value: 2, previous: 2 })
  })

  it('gives each figure the 12 months up to this one', async () => {
    const trend = (await overview()).figures.downloads.trend
    expect(trend.map((t) => t.month)).toEqual([
      ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
      '2026-12',
    ])
    expect(trend.slice(-3).map((t) => t.value)).toEqual([1760, 15400, 5100])
    expect(trend[0]?.value).toBe(0)
  })

  it('names the movers into and out of award places since the end of last month', async () => {
    const body = await overview()
    expect(body.movers?.comparedWith).toBe('2026-11')
    const plaque = body.movers?.categories.find((c) => c.subject === 'agency')
    expect(ids(plaque?.into)).toEqual(['agency-11'])
    expect(plaque?.into[0]).toMatchObject({ rank: 1, previousRank: 11, name: { en: 'Test agency 11' } })
    expect(ids(plaque?.outOf)).toEqual(['agency-9'])
    expect(plaque?.outOf[0]).toMatchObject({ rank: 10, previousRank: 9 })
  })

  it('adds, while the month runs, the movers of the month just ended', async () => {
    const last = (await overview()).lastMonthMovers
    expect(last).toMatchObject({ month: '2026-11', comparedWith: '2026-10' })
    const plaque = last?.categories.find((c) => c.subject === 'agency')
    expect(ids(plaque?.into)?.sort()).toEqual(['agency-1', 'agency-2'])
    expect(ids(plaque?.outOf)?.sort()).toEqual(['agency-10', 'agency-11'])
    expect((await overview('?month=2026-11')).lastMonthMovers).toBeNull()
  })

  it('lists the agencies without a download this month, and which hold a place', async () => {
    const { agencies } = await overview()
    expect(agencies).toHaveLength(AGENCIES)
    const zero = agencies.filter((a) => a.downloads === 0).map((a) => a.agencyId)
    expect(zero.sort()).toEqual(
      [
        'agency-1',
        'agency-3',
        'agency-4',
        'agency-5',
        'agency-6',
        'agency-7',
        'agency-8',
        'agency-9',
        'agency-10',
        'agency-12',
      ].sort(),
    )
    const silent = agencies.find((a) => a.agencyId === 'agency-12')
    expect(silent).toMatchObject({ fyDownloads: 0, fyRank: null, awarded: false, group: 'department' })
    expect(agencies.find((a) => a.agencyId === 'agency-1')).toMatchObject({
      downloads: 0,
      previousDownloads: 80,
      awarded: true,
    })
  })

  it('reports a warning sign that last month did not show', async () => {
    const { warnings } = await overview()
    // Agency 11's spike shows in November already (no history before October); its concentration is new.
    expect(warnings).toEqual([
      { agencyId: 'agency-11', kinds: ['concentration'], downloads: 5000, name: expect.any(Object) },
    ])
  })

  it('reads a finished month against the whole month before', async () => {
    const body = await overview('?month=2026-11')
    expect(body.comparison).toEqual({ month: '2026-10', throughDay: null })
    expect(body.figures.downloads).toMatchObject({ value: 15400, previous: 1760 })
    const plaque = body.movers?.categories.find((c) => c.subject === 'agency')
    expect(ids(plaque?.into)?.sort()).toEqual(['agency-1', 'agency-2'])
    expect(ids(plaque?.outOf)?.sort()).toEqual(['agency-10', 'agency-11'])
  })

  it('has no movers in the first month of a fiscal year: nothing earlier in the year to compare', async () => {
    expect((await overview('?month=2026-10')).movers).toBeNull()
  })

  it.each([
    ['?month=2026-13', 400, 'month must be YYYY-MM'],
    ['?month=december', 400, 'month must be YYYY-MM'],
    ['?fy=2570', 400, 'month=YYYY-MM'],
    ['?month=2027-01', 422, 'future'],
  ])('answers %s with %i and a message', async (query, status, words) => {
    const res = await getJson<{ error: { message: string } }>(`/v1/overview${query}`)
    expect(res.status).toBe(status)
    expect(res.body.error.message).toContain(words)
  })

  it('is DGA only', async () => {
    expect((await getJson('/v1/overview', 'agency_exec', ['agency-1'])).status).toBe(403)
  })
})
