import { beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import type { Role } from '../../functions/auth/principal.js'
import { clock } from '../../functions/clock.js'
import { recordDownloads } from '../../functions/ingest/record.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import { agencyStandings, fiscalYearStandings } from '../../functions/read-model/awards.js'
import { forgetVersions, readVersions } from '../../functions/read-model/cache.js'
import { listAudit } from '../../functions/store/audit.js'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import type {
  AgencyRankingItem,
  AwardsResponse,
  DatasetRankingItem,
  IntegrityResponse,
  PerformanceResponse,
  Ranking,
  RankingPage,
} from '../../shared/api.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import {
  emptyPeriodCounts,
  type PeriodCounts,
  type SubjectCounts,
  sumPeriodCounts,
} from '../../shared/counting/period-counts.js'
import { bangkokMonth } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA, bearer, getJson } from '../fixtures/http.js'

const apiApp = createApiApp()

const count = (downloads: number, over: Partial<SubjectCounts> = {}): SubjectCounts => ({
  ...ZERO_COUNTS,
  downloads,
  uniqueDownloads: Math.floor(downloads / 2),
  ...over,
})

/** Agency and dataset counts (one dataset per agency, as the fixture catalog has), keyed like the store. */
function counts(perAgency: Record<number, number>, over: Partial<SubjectCounts> = {}): PeriodCounts {
  const map: PeriodCounts = emptyPeriodCounts()
  for (const [a, downloads] of Object.entries(perAgency)) {
    map.agencies.set(`agency-${a}`, count(downloads, over))
    map.datasets.set(`dataset-${a}-1`, count(downloads, { ...over, agencyId: `agency-${a}` }))
  }
  return map
}

const send = async (
  method: string,
  path: string,
  body: unknown,
  role: Role = 'dga_admin',
  agencyIds: string[] = [],
) => {
  const res = await apiApp.request(path, {
    method,
    headers: { ...(await bearer(role, agencyIds)), 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { error?: { message: string } },
  }
}

beforeAll(async () => {
  const catalog = buildCatalog(4, 1)
  catalog.agencies.forEach((a, i) => {
    a.group = i < 2 ? 'ministry' : 'province'
  })
  await storeCatalog(catalog)
  // FY 2566: agency-2 130, agency-1 120, agency-3 120 (tied), agency-4 nothing.
  await replacePeriodCounts({ month: '2022-10' }, counts({ 1: 100, 2: 50, 3: 50 }))
  await replacePeriodCounts({ month: '2022-11' }, counts({ 1: 20, 2: 80, 3: 70 }))
  await replacePeriodCounts({ fy: 2566 }, counts({ 1: 120, 2: 130, 3: 120 }))
  // FY 2567: six calm months, then a month where few clients bring a tenfold jump.
  for (const month of ['2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09']) {
    await replacePeriodCounts({ month }, counts({ 1: 100, 2: 100 }, { topClientDownloads: 10 }))
  }
  await replacePeriodCounts(
    { month: '2023-10' },
    sumPeriodCounts([
      counts({ 1: 1000 }, { topClientDownloads: 800 }),
      counts({ 2: 110 }, { topClientDownloads: 12 }),
    ]),
  )
})

describe('GET /v1/rankings', () => {
  it('ranks every agency of the catalog, zero downloads included, ties sharing a rank', async () => {
    const { body } = await getJson<Ranking<AgencyRankingItem>>('/v1/rankings/agencies?fy=2566')
    expect(body.items.map((i) => [i.agencyId, i.rank, i.downloads])).toEqual([
      ['agency-2', 1, 130],
      ['agency-1', 2, 120],
      ['agency-3', 2, 120],
      ['agency-4', 4, 0],
    ])
    expect(body.period).toMatchObject({ fy: 2566, complete: true })
  })

  it('gives the change of rank since the previous month, none to an agency tied at zero downloads', async () => {
    const { body } = await getJson<Ranking<AgencyRankingItem>>('/v1/rankings/agencies?month=2022-11')
    const change = Object.fromEntries(body.items.map((i) => [i.agencyId, i.rankChange]))
    expect(change).toEqual({ 'agency-2': 1, 'agency-3': 0, 'agency-1': -2, 'agency-4': null })
  })

  it('says a period in progress is not complete, with how far its data reaches', async () => {
    const before = clock.now()
    const { body } = await getJson<Ranking<AgencyRankingItem>>(
      `/v1/rankings/agencies?month=${bangkokMonth(before)}`,
    )
    expect(body.period.complete).toBe(false)
    expect(Date.parse(body.period.dataUpTo)).toBeGreaterThanOrEqual(before)
  })

  it('pages datasets with national ranks, filtered to an agency on request', async () => {
    const { body } = await getJson<RankingPage<DatasetRankingItem>>(
      '/v1/rankings/datasets?fy=2566&limit=2&offset=1',
    )
    expect({ total: body.total, ids: body.items.map((i) => [i.datasetId, i.rank]) }).toEqual({
      total: 4,
      ids: [
        ['dataset-1-1', 2],
        ['dataset-3-1', 2],
      ],
    })
    const one = await getJson<RankingPage<DatasetRankingItem>>(
      '/v1/rankings/datasets?fy=2566&agencyId=agency-3',
    )
    expect(one.body.items.map((i) => [i.datasetId, i.rank])).toEqual([['dataset-3-1', 2]])
  })

  it('shows an executive only the datasets of their own agencies', async () => {
    const { status, body } = await getJson<RankingPage<DatasetRankingItem>>(
      '/v1/rankings/datasets?fy=2566',
      'agency_exec',
      ['agency-4', 'agency-1'],
    )
    expect(status).toBe(200)
    expect(body.items.map((i) => i.agencyId).sort()).toEqual(['agency-1', 'agency-4'])
  })

  it.each([
    ['/v1/rankings/datasets?fy=2566&agencyId=nope', 404, 'agencyId'],
    ['/v1/rankings/datasets?fy=2566&limit=5000', 400, 'limit'],
    ['/v1/rankings/datasets?fy=2566&offset=-1', 400, 'offset'],
  ])('answers %s with %i naming the parameter', async (path, status, word) => {
    const res = await getJson<{ error: { message: string } }>(path)
    expect(res.status).toBe(status)
    expect(res.body.error.message).toContain(word)
  })

  it('sees new counts once the versions are reread (the cache follows the counts version)', async () => {
    await getJson('/v1/rankings/agencies?month=2022-12')
    await replacePeriodCounts({ month: '2022-12' }, counts({ 4: 7 }))
    forgetVersions() // as a second passing would: versions are reread at most once a second
    const { body } = await getJson<Ranking<AgencyRankingItem>>('/v1/rankings/agencies?month=2022-12')
    expect(body.items[0]).toMatchObject({ agencyId: 'agency-4', downloads: 7, rank: 1 })
  })
})

describe('GET /v1/rankings after a rollup', () => {
  it('answers the rolled-up downloads, not the cached ranking from before', async () => {
    const path = `/v1/rankings/agencies?month=${bangkokMonth(clock.now())}`
    const downloadsOf = async () =>
      (await getJson<Ranking<AgencyRankingItem>>(path)).body.items.find((i) => i.agencyId === 'agency-4')
        ?.downloads
    const before = (await downloadsOf()) ?? 0
    await recordDownloads(
      [
        {
          eventId: 'after-rollup-1',
          resourceId: 'resource-4-1',
          clientIp: '192.0.2.77',
          userAgent: BROWSER_UA,
        },
      ],
      { ip: '127.0.0.1', userAgent: '' },
    )
    await runRollup()
    forgetVersions()
    expect(await downloadsOf()).toBe(before + 1)
  })
})

describe('award standings, programmes and targets', () => {
  it('uses the default programme: 9 agencies, places unfilled so any download qualifies', async () => {
    const { body } = await getJson<AwardsResponse>('/v1/awards?fy=2566', 'agency_exec', ['agency-1'])
    const plaque = body.categories[0]
    expect(body.programme).toEqual({ source: 'default' })
    expect(plaque).toMatchObject({ id: 'agency-plaque', places: 9, qualifying: 3, cutoff: 1, ties: false })
  })

  it('refuses a programme from an agency executive', async () => {
    const res = await send('PUT', '/v1/awards/2566/programme', { categories: [] }, 'agency_exec', [
      'agency-1',
    ])
    expect(res.status).toBe(403)
  })

  it.each([
    ['{"categories": [', 400, 'JSON'],
    [{ categories: [{ id: 'x', subject: 'agency', places: 0 }] }, 422, 'categories[0].places'],
    [{ categories: [{ id: 'x', subject: 'agency', places: 2.5 }] }, 422, 'categories[0].places'],
    [
      { categories: [{ id: 'x', subject: 'agency', places: 2, metric: 'clicks' }] },
      422,
      'categories[0].metric',
    ],
    [{ categories: [{ id: 'x', subject: 'agency', places: 2, perGroup: { ministry: 1 } }] }, 422, 'perGroup'],
    [{ categories: [{ id: 'x', subject: 'agency', places: 1, perGroup: { nowhere: 1 } }] }, 422, 'nowhere'],
    [
      { categories: [{ id: 'x', subject: 'dataset', places: 2, perGroup: { ministry: 2 } }] },
      422,
      'perGroup',
    ],
    [{ categories: [{ id: 'x', subject: 'dataset', places: 2, maxPerAgency: -1 }] }, 422, 'maxPerAgency'],
  ])('answers the programme %j with %i naming %s', async (body, status, word) => {
    const res = await send('PUT', '/v1/awards/2566/programme', body)
    expect(res.status).toBe(status)
    expect(res.body.error?.message).toContain(word)
  })

  it('sets a programme, records who and when, and reports the tie at the cut-off', async () => {
    const programme = {
      categories: [
        { id: 'agency-plaque', subject: 'agency', places: 2 },
        { id: 'dataset-certificate', subject: 'dataset', places: 1, maxPerAgency: 1 },
      ],
    }
    const put = await send('PUT', '/v1/awards/2566/programme', programme)
    expect(put.status).toBe(200)
    const audit = (await listAudit()).find((e) => e.action === 'awards.programme.set')
    expect(audit).toMatchObject({ target: 'FY2566', detail: { programme } })
    expect(audit?.actor).toBeTruthy()

    const { body } = await getJson<AwardsResponse>('/v1/awards?fy=2566')
    expect(body.programme).toMatchObject({ source: 'set' })
    const [plaque, certificate] = body.categories
    expect(plaque).toMatchObject({ places: 2, qualifying: 3, cutoff: 120, ties: true })
    expect(plaque?.standings.map((s) => [s.agencyId, s.rank, s.awarded, s.tiedAtCutoff])).toEqual([
      ['agency-2', 1, true, false],
      ['agency-1', 2, true, true],
      ['agency-3', 2, true, true],
      ['agency-4', 4, false, false],
    ])
    expect(certificate).toMatchObject({ places: 1, qualifying: 1, cutoff: 130, ties: false })
  })

  it('stands an executive’s performance on the agency categories alone, as the whole programme ranks them', async () => {
    const versions = await readVersions()
    const all = await fiscalYearStandings(versions, 2566, clock.now())
    const agencyOnly = await agencyStandings(versions, 2566, clock.now())
    expect(all.categories.map((c) => c.subject)).toEqual(['agency', 'dataset'])
    expect(agencyOnly.categories).toEqual(all.categories.filter((c) => c.subject === 'agency'))
    expect(agencyOnly.beyond).toEqual(all.beyond.slice(0, 1))
    expect(agencyOnly.discounted).toEqual(all.discounted)
  })

  it('shows an executive the dataset standings of their own agencies only', async () => {
    const { body } = await getJson<AwardsResponse>('/v1/awards?fy=2566', 'agency_exec', ['agency-3'])
    expect(body.categories[1]?.standings.map((s) => s.datasetId)).toEqual(['dataset-3-1'])
    expect(body.categories[0]?.standings).toHaveLength(4)
  })

  it('takes the agency target by default from the cut-off of a year that is over, and its projection', async () => {
    const { status, body } = await getJson<PerformanceResponse>('/v1/agencies/agency-4/performance?fy=2566')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      downloads: 0,
      rank: 4,
      cutoff: 120,
      target: 120,
      targetSource: 'projected_cutoff',
      targetPercent: 0,
      gapToCutoff: 120,
      projection: 0,
      remainingMonths: 0,
      neededPerMonth: null,
      awarded: false,
    })
    expect(body.months).toHaveLength(12)
  })

  it('gives the months with running totals and a tie at the cut-off no gap', async () => {
    const { body } = await getJson<PerformanceResponse>(
      '/v1/agencies/agency-3/performance?fy=2566',
      'agency_exec',
      ['agency-3'],
    )
    expect(body.months.slice(0, 3)).toEqual([
      { month: '2022-10', downloads: 50, cumulative: 50 },
      { month: '2022-11', downloads: 70, cumulative: 120 },
      { month: '2022-12', downloads: 0, cumulative: 120 },
    ])
    expect(body).toMatchObject({ downloads: 120, gapToCutoff: 0, awarded: true, targetPercent: 100 })
  })

  it.each([
    [{ downloads: -1 }, 'downloads'],
    [{ downloads: 10.5 }, 'downloads'],
    [{ downloads: '10' }, 'downloads'],
    [{ downloads: 10, extra: true }, 'extra'],
  ])('answers the target %j with 422 naming %s', async (body, word) => {
    const res = await send('PUT', '/v1/targets/2566/agency-1', body)
    expect(res.status).toBe(422)
    expect(res.body.error?.message).toContain(word)
  })

  it.each([
    ['/v1/targets/2566/nope', 'dga_admin', 404, 'agencyId'],
    ['/v1/targets/66/agency-1', 'dga_admin', 400, 'fy'],
    ['/v1/targets/2566/agency-1', 'agency_exec', 403, 'role'],
  ] as const)('answers PUT %s by %s with %i', async (path, role, status, word) => {
    const res = await send('PUT', path, { downloads: 10 }, role, ['agency-1'])
    expect(res.status).toBe(status)
    expect(res.body.error?.message).toContain(word)
  })

  it('sets a target, records it, and measures the agency against it', async () => {
    const put = await send('PUT', '/v1/targets/2566/agency-4', { downloads: 1000 })
    expect(put).toMatchObject({ status: 200, body: { fy: 2566, agencyId: 'agency-4', downloads: 1000 } })
    expect((await listAudit()).find((e) => e.action === 'target.set')).toMatchObject({
      target: 'FY2566/agency-4',
      detail: { downloads: 1000, previous: null },
    })
    const { body } = await getJson<PerformanceResponse>('/v1/agencies/agency-4/performance?fy=2566')
    expect(body).toMatchObject({ target: 1000, targetSource: 'dga', gapToCutoff: 120 })
  })

  it('uses the cut-off of the agency group when places are given per group', async () => {
    const programme = {
      categories: [
        { id: 'agency-plaque', subject: 'agency', places: 2, perGroup: { ministry: 1, province: 1 } },
      ],
    }
    expect((await send('PUT', '/v1/awards/2566/programme', programme)).status).toBe(200)
    const { body } = await getJson<PerformanceResponse>('/v1/agencies/agency-1/performance?fy=2566')
    expect(body).toMatchObject({ cutoff: 130, gapToCutoff: 10, awarded: false })
  })

  it.each([
    ['/v1/agencies/agency-2/performance?fy=2566', 'agency_exec', 403, 'agency-2'],
    ['/v1/agencies/nope/performance?fy=2566', 'dga_admin', 404, 'agencyId'],
    ['/v1/agencies/agency-1/performance?fy=66', 'dga_admin', 400, 'fy'],
    ['/v1/agencies/agency-1/performance?fy=2699', 'dga_admin', 422, 'future'],
    ['/v1/agencies/agency-2/integrity?month=2023-10', 'agency_exec', 403, 'agency-2'],
    ['/v1/agencies/agency-1/integrity?month=2023-1', 'agency_exec', 400, 'month'],
  ] as const)('answers GET %s by %s with %i', async (path, role, status, word) => {
    const res = await getJson<{ error: { message: string } }>(path, role, ['agency-1'])
    expect(res.status).toBe(status)
    expect(res.body.error.message).toContain(word)
  })
})

describe('GET /v1/agencies/:agencyId/integrity', () => {
  it('warns of downloads concentrated in few clients and of a spike, with the evidence', async () => {
    const { status, body } = await getJson<IntegrityResponse>(
      '/v1/agencies/agency-1/integrity?month=2023-10',
      'agency_exec',
      ['agency-1'],
    )
    expect(status).toBe(200)
    const [concentration, spike] = body.signals
    expect(concentration).toMatchObject({
      kind: 'concentration',
      warning: true,
      evidence: { share: 0.8, downloads: 1000 },
    })
    expect(spike).toMatchObject({ kind: 'spike', warning: true, evidence: { baseline: 100, factor: 10 } })
    expect(body.datasets[0]).toMatchObject({ datasetId: 'dataset-1-1', concentration: { warning: true } })
  })

  it('stays quiet for an agency that keeps to its history', async () => {
    const { body } = await getJson<IntegrityResponse>('/v1/agencies/agency-2/integrity?month=2023-10')
    expect(body.signals.map((s) => s.warning)).toEqual([false, false])
    expect(body.signals[1]).toMatchObject({ evidence: { downloads: 110, baseline: 100 } })
  })

  it('checks every month of a fiscal year for spikes', async () => {
    const { body } = await getJson<IntegrityResponse>('/v1/agencies/agency-1/integrity?fy=2567')
    const spikes = body.signals.filter((s) => s.kind === 'spike')
    expect(spikes).toHaveLength(12)
    expect(spikes.filter((s) => s.warning).map((s) => s.kind === 'spike' && s.evidence.month)).toEqual([
      '2023-10',
    ])
  })
})
