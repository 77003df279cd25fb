import { beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import type { Role } from '../../functions/auth/principal.js'
import { listAudit } from '../../functions/store/audit.js'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import type { AwardsResponse, PerformanceResponse } from '../../shared/api.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import {
  emptyPeriodCounts,
  type PeriodCounts,
  type SubjectCounts,
} from '../../shared/counting/period-counts.js'
import type { ReviewsResponse } from '../../shared/reviews.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { bearer, getJson } from '../fixtures/http.js'

const apiApp = createApiApp()

const count = (downloads: number, over: Partial<SubjectCounts> = {}): SubjectCounts => ({
  ...ZERO_COUNTS,
  downloads,
  uniqueDownloads: Math.floor(downloads / 2),
  topClientDownloads: Math.floor(downloads / 10),
  ...over,
})

/** Agency and dataset counts (one dataset per agency, as the fixture catalog has). */
function counts(perAgency: Record<number, number>, over: Partial<SubjectCounts> = {}): PeriodCounts {
  const map: PeriodCounts = emptyPeriodCounts()
  for (const [a, downloads] of Object.entries(perAgency)) {
    map.agencies.set(`agency-${a}`, count(downloads, over))
    map.datasets.set(`dataset-${a}-1`, count(downloads, { ...over, agencyId: `agency-${a}` }))
  }
  return map
}

const send = async (method: string, path: string, body?: unknown, role: Role = 'dga_admin') => {
  const res = await apiApp.request(path, {
    method,
    headers: { ...(await bearer(role, ['agency-1'])), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  const text = await res.text()
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown> & { error?: { message: string } },
  }
}

const awardsOf = async () => {
  const res = await getJson<AwardsResponse>('/v1/awards?fy=2566', 'dga_admin')
  return res.body.categories.find((c) => c.subject === 'agency') as AwardsResponse['categories'][number]
}
const standingOf = async (agencyId: string) =>
  (await awardsOf()).standings.find((s) => s.agencyId === agencyId)

// FY 2566: agency-1 ranks first on 10,000 downloads, 9,000 of them from a few clients on two days of November
// 2022; agencies 2–12 have 9,000, 8,500, … 4,000 and nothing suspicious.
beforeAll(async () => {
  await storeCatalog(buildCatalog(12, 1))
  const year: Record<number, number> = { 1: 10_000 }
  for (let a = 2; a <= 12; a++) year[a] = 10_000 - a * 500
  const gamed = (downloads: number, top = Math.floor(downloads / 10)) =>
    counts({ 1: downloads }, { topClientDownloads: top })
  await replacePeriodCounts({ fy: 2566 }, mergeFirst(counts(year), gamed(10_000, 9_200)))
  for (const month of ['2022-04', '2022-05', '2022-06', '2022-07', '2022-08', '2022-09', '2022-10']) {
    await replacePeriodCounts({ month }, gamed(200))
  }
  await replacePeriodCounts({ month: '2022-11' }, gamed(9_600, 9_000))
  await replacePeriodCounts({ day: '2022-11-05' }, gamed(5_000, 5_000))
  await replacePeriodCounts({ day: '2022-11-06' }, gamed(4_000, 4_000))
  for (let d = 7; d <= 26; d++) await replacePeriodCounts({ day: `2022-11-${d}` }, gamed(30))
})

/** `base` with agency-1's (and its dataset's) counts taken from `first`. */
function mergeFirst(base: PeriodCounts, first: PeriodCounts): PeriodCounts {
  return {
    agencies: new Map([...base.agencies, ...first.agencies]),
    datasets: new Map([...base.datasets, ...first.datasets]),
  }
}

describe('the award review queue', () => {
  it('lists an entry in an award place with a warning, with its evidence and the days to discount', async () => {
    const res = await getJson<ReviewsResponse>('/v1/awards/2566/reviews', 'dga_admin')
    expect(res.status).toBe(200)
    const agency = res.body.items.find((i) => i.subjectId === 'agency-1')
    expect(agency).toMatchObject({
      subject: 'agency',
      rank: 1,
      downloads: 10_000,
      awardCount: 10_000,
      awarded: true,
    })
    expect(agency?.evidence.map((e) => e.kind).sort()).toEqual(['concentration', 'spike'])
    expect(agency?.days.slice(0, 2)).toEqual([
      { day: '2022-11-05', downloads: 5_000, suggested: true },
      { day: '2022-11-06', downloads: 4_000, suggested: true },
    ])
    expect(res.body.items.find((i) => i.subjectId === 'dataset-1-1')?.subject).toBe('dataset')
    expect(res.body.items.some((i) => i.subjectId === 'agency-2')).toBe(false)
  })

  it('discounts named days: the award count, the standings, the cut-off and the projection follow', async () => {
    const before = await awardsOf()
    expect(before.cutoff).toBe(5_500)
    expect(before.standings.find((s) => s.agencyId === 'agency-10')?.awarded).toBe(false)

    const put = await send('PUT', '/v1/awards/2566/reviews/agency-1', {
      decision: 'discount',
      reason: 'Three clients on two days',
      days: ['2022-11-06', '2022-11-05'],
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({
      decision: 'discount',
      days: ['2022-11-05', '2022-11-06'],
      discounted: 9_000,
    })

    const after = await awardsOf()
    expect(after.standings.find((s) => s.agencyId === 'agency-1')).toMatchObject({
      downloads: 10_000,
      awardCount: 1_000,
      awarded: false,
      review: { decision: 'discount', discounted: 9_000 },
    })
    expect(after.standings.find((s) => s.agencyId === 'agency-10')?.awarded).toBe(true)
    expect(after.cutoff).toBe(5_000)

    const perf = await getJson<PerformanceResponse>('/v1/agencies/agency-1/performance?fy=2566', 'dga_admin')
    expect(perf.body).toMatchObject({ downloads: 10_000, awardCount: 1_000, gapToCutoff: 4_000 })

    const audit = await listAudit(10)
    expect(audit.find((e) => e.action === 'awards.review.set')).toMatchObject({
      target: 'FY2566/agency-1',
      detail: { decision: 'discount', reason: 'Three clients on two days' },
    })
    // Still listed, with the decision, though it left the award places.
    const queue = await getJson<ReviewsResponse>('/v1/awards/2566/reviews', 'dga_admin')
    expect(queue.body.items.find((i) => i.subjectId === 'agency-1')).toMatchObject({
      awardCount: 1_000,
      decision: { decision: 'discount' },
    })
  })

  it('undoes a decision with DELETE (audited), then answers 404 when none is left', async () => {
    expect((await send('DELETE', '/v1/awards/2566/reviews/agency-1')).status).toBe(204)
    expect(await standingOf('agency-1')).toMatchObject({ downloads: 10_000, awarded: true })
    expect((await standingOf('agency-1'))?.awardCount).toBeUndefined()
    expect((await awardsOf()).cutoff).toBe(5_500)
    expect((await listAudit(1))[0]).toMatchObject({ action: 'awards.review.remove' })
    expect((await send('DELETE', '/v1/awards/2566/reviews/agency-1')).status).toBe(404)
  })

  it('never awards a disqualified entry: its place goes to the next one', async () => {
    const put = await send('PUT', '/v1/awards/2566/reviews/agency-1', {
      decision: 'disqualified',
      reason: 'gaming',
    })
    expect(put.status).toBe(200)
    expect(await standingOf('agency-1')).toMatchObject({
      rank: 1,
      awarded: false,
      review: { decision: 'disqualified' },
    })
    expect((await standingOf('agency-10'))?.awarded).toBe(true)
    const cleared = await send('PUT', '/v1/awards/2566/reviews/agency-1', {
      decision: 'cleared',
      reason: 'checked',
    })
    expect(cleared.status).toBe(200)
    expect(await standingOf('agency-1')).toMatchObject({ awarded: true, review: { decision: 'cleared' } })
    expect((await send('DELETE', '/v1/awards/2566/reviews/agency-1')).status).toBe(204)
  })

  it.each([
    [
      'an unknown subject',
      '/v1/awards/2566/reviews/no-such-agency',
      { decision: 'cleared', reason: 'x' },
      404,
      'subjectId',
    ],
    [
      'a decision without a reason',
      '/v1/awards/2566/reviews/agency-1',
      { decision: 'cleared' },
      422,
      'reason',
    ],
    [
      'an empty reason',
      '/v1/awards/2566/reviews/agency-1',
      { decision: 'cleared', reason: '  ' },
      422,
      'reason',
    ],
    [
      'an unknown decision',
      '/v1/awards/2566/reviews/agency-1',
      { decision: 'none', reason: 'x' },
      422,
      'decision',
    ],
    [
      'a discount naming no day',
      '/v1/awards/2566/reviews/agency-1',
      { decision: 'discount', reason: 'x' },
      422,
      'days',
    ],
    [
      'a day outside the fiscal year',
      '/v1/awards/2566/reviews/agency-1',
      { decision: 'discount', reason: 'x', days: ['2023-10-01'] },
      422,
      '2023-10-01',
    ],
    [
      'a fiscal year of the wrong shape',
      '/v1/awards/20x6/reviews/agency-1',
      { decision: 'cleared', reason: 'x' },
      400,
      'fy',
    ],
  ])('refuses %s', async (_name, path, body, status, named) => {
    const res = await send('PUT', path, body)
    expect(res.status).toBe(status)
    expect(res.body.error?.message).toContain(named)
  })

  it('answers 400 for a queue of a fiscal year of the wrong shape', async () => {
    expect((await send('GET', '/v1/awards/abc/reviews')).status).toBe(400)
  })
})
