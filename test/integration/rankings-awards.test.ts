import { beforeAll, describe, expect, it } from 'vitest'
import { agencyRanking } from '../../functions/read-model/rankings.js'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import type {
  AgencyRankingItem,
  AwardCategoryView,
  AwardsResponse,
  FiscalYearsResponse,
  Ranking,
} from '../../shared/api.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { emptyPeriodCounts, type PeriodCounts, sumPeriodCounts } from '../../shared/counting/period-counts.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { getJson } from '../fixtures/http.js'

/**
 * 30 agencies of 5 datasets each, as of 2 December 2026 (FY 2570, the suite's clock). Agency a has
 * `downloads(a)` downloads a month, spread over its datasets (dataset d gets d + 10 parts of 65); agencies
 * 26–30 have none. FY 2568 has data, FY 2569 none, FY 2559 (eleven years back) some: past the picker's reach.
 */
const AGENCIES = 30
const DATASETS = 5
const active = (a: number) => a <= 25

function monthCounts(downloads: (a: number) => number): PeriodCounts {
  const c = emptyPeriodCounts()
  for (let a = 1; a <= AGENCIES; a++) {
    const total = active(a) ? downloads(a) : 0
    if (total === 0) continue
    c.agencies.set(`agency-${a}`, { ...ZERO_COUNTS, downloads: total, uniqueDownloads: total })
    for (let d = 1; d <= DATASETS; d++) {
      const n = Math.round((total * (d + 10)) / 65)
      c.datasets.set(`dataset-${a}-${d}`, {
        ...ZERO_COUNTS,
        downloads: n,
        uniqueDownloads: n,
        agencyId: `agency-${a}`,
      })
    }
  }
  return c
}

/**
 * October ranks agencies the other way round from November: November moves agency 1 from 25th to 1st and
 * agency 25 from 1st to 25th, far enough down that its datasets rank below every other agency's. December so
 * far lifts agency 2 above agency 1 in the year to date.
 */
const october = monthCounts((a) => 100 + a * 10)
const november = monthCounts((a) => (a === 25 ? 10 : 2000 - a * 60))
const december = monthCounts((a) => (a === 2 ? 300 : 0))

beforeAll(async () => {
  await storeCatalog(buildCatalog(AGENCIES, DATASETS))
  const store = async (fy: number, months: [string, PeriodCounts][]) => {
    for (const [month, counts] of months) await replacePeriodCounts({ month }, counts)
    await replacePeriodCounts({ fy }, sumPeriodCounts(months.map(([, counts]) => counts)))
  }
  await store(2570, [
    ['2026-10', october],
    ['2026-11', november],
    ['2026-12', december],
  ])
  await store(2568, [['2025-03', monthCounts(() => 10)]])
  await store(2559, [['2016-03', monthCounts(() => 10)]])
})

const ranking = async (query: string) =>
  (await getJson<Ranking<AgencyRankingItem>>(`/v1/rankings/agencies?${query}`)).body.items
const changes = (items: AgencyRankingItem[]) =>
  Object.fromEntries(items.map((i) => [i.agencyId, i.rankChange]))

describe('rank change only against a comparable period', () => {
  it('compares a whole month with the whole month before it', async () => {
    const items = await ranking('month=2026-11')
    expect(changes(items)['agency-1']).toBe(24)
    expect(changes(items)['agency-25']).toBe(-24)
  })

  it('shows no change for a month in progress: it is not set against a full month', async () => {
    const items = await ranking('month=2026-12')
    expect(items.map((i) => i.rankChange)).toEqual(items.map(() => null))
  })

  it('compares a fiscal year to date with the same year at the end of the month before', async () => {
    const items = await ranking('fy=2570')
    // The year so far against the year at the end of November: agency 2 passed agency 1 in December.
    expect(changes(items)).toMatchObject({ 'agency-2': 1, 'agency-1': -1, 'agency-3': 0 })
    expect(changes(items)['agency-26']).toBeNull()
  })

  it('shows no change while the fiscal year is in its first month', async () => {
    const { items } = await agencyRanking({ fy: 2570 }, Date.parse('2026-10-20T10:00:00+07:00'))
    expect(items.every((i) => i.rankChange === null)).toBe(true)
  })

  it('gives entries tied at zero downloads no change, now or before', async () => {
    const month = await ranking('month=2026-11')
    const idle = month.filter((i) => i.downloads === 0)
    expect(idle.map((i) => i.agencyId).sort()).toEqual(
      ['agency-26', 'agency-27', 'agency-28', 'agency-29', 'agency-30'].sort(),
    )
    expect(idle.every((i) => i.rankChange === null && i.rank === 26)).toBe(true)
  })
})

describe('GET /v1/fiscal-years', () => {
  it('answers the current fiscal year and the last ten years that have downloads, newest first', async () => {
    const { status, body } = await getJson<FiscalYearsResponse>('/v1/fiscal-years', 'agency_exec', [
      'agency-1',
    ])
    expect(status).toBe(200)
    expect(body).toEqual({ current: 2570, withData: [2570, 2568] })
  })
})

describe('GET /v1/awards with the caller’s own entries', () => {
  const category = (body: AwardsResponse, id: string) =>
    body.categories.find((c) => c.id === id) as AwardCategoryView

  it('adds an executive’s agency ranked past the shortlist, and gives DGA none', async () => {
    const exec = await getJson<AwardsResponse>('/v1/awards?fy=2570', 'agency_exec', ['agency-25'])
    const plaque = category(exec.body, 'agency-plaque')
    expect(plaque.standings.map((s) => s.agencyId)).not.toContain('agency-25')
    expect(plaque.standings.length).toBeLessThan(25)
    expect(plaque.own).toEqual([expect.objectContaining({ agencyId: 'agency-25', awarded: false })])
    expect(plaque.own?.[0]?.rank).toBeGreaterThan(plaque.standings.at(-1)?.rank as number)

    const dga = await getJson<AwardsResponse>('/v1/awards?fy=2570')
    expect(category(dga.body, 'agency-plaque').own).toBeUndefined()
  })

  it('adds an executive’s datasets ranked past the certificate shortlist, nearest the top first', async () => {
    const { body } = await getJson<AwardsResponse>('/v1/awards?fy=2570', 'agency_exec', ['agency-25'])
    const certificate = category(body, 'dataset-certificate')
    const own = certificate.own ?? []
    expect(own.length).toBe(5)
    expect(own.every((s) => s.agencyId === 'agency-25' && s.datasetId)).toBe(true)
    expect(own.map((s) => s.rank)).toEqual([...own.map((s) => s.rank)].sort((a, b) => a - b))
  })

  it('adds nothing for an agency already in the shortlist', async () => {
    const { body } = await getJson<AwardsResponse>('/v1/awards?fy=2570', 'agency_exec', ['agency-1'])
    const plaque = category(body, 'agency-plaque')
    expect(plaque.own).toBeUndefined()
    expect(plaque.standings.find((s) => s.agencyId === 'agency-1')).toMatchObject({ rank: 2 })
  })

  it('adds nothing in a fiscal year without data', async () => {
    const { body } = await getJson<AwardsResponse>('/v1/awards?fy=2569', 'agency_exec', ['agency-25'])
    expect(body.noData).toBe(true)
    for (const c of body.categories) expect(c.own).toBeUndefined()
  })
})
