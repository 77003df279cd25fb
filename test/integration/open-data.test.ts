import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import { dashboardCsp } from '../../functions/auth/security-headers.js'
import { certifyFiscalYear } from '../../functions/certificates/certify.js'
import { clock } from '../../functions/clock.js'
import { createLocalApp } from '../../functions/local/server-app.js'
import { generateMonthlyReport } from '../../functions/reports/generate.js'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import { putReview } from '../../functions/store/reviews.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { emptyPeriodCounts, type PeriodCounts } from '../../shared/counting/period-counts.js'
import { OPEN_AGENCY_COLUMNS, OPEN_DATASET_COLUMNS } from '../../shared/open-data/tables.js'
import { bangkokMonth } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { setEnv } from '../support/env.js'

/**
 * Usage as open data (issue #20): FY 2566's August and September 2023 have final reports, and DGA certified
 * the year; the suite's "now" month (`RUNNING`) has only a provisional report. DGA's review of agency-1
 * (a discount, with its reason) and every target stay out of what is published.
 */
const ORIGIN = 'https://rankings.example.go.th'
/** The month the suite runs in: its report is provisional. */
const RUNNING = bangkokMonth(clock.now())
const SECRET_REASON = 'เครื่องเดียวดาวน์โหลดซ้ำ: internal evidence 9f8e7d'

let app: ReturnType<typeof createApiApp>
let restoreEnv: () => void

function counts(perAgency: Record<number, number>): PeriodCounts {
  const map = emptyPeriodCounts()
  for (const [a, downloads] of Object.entries(perAgency)) {
    const c = {
      ...ZERO_COUNTS,
      downloads,
      uniqueDownloads: Math.floor(downloads / 2),
      robots: 7,
      doubleClicks: 3,
    }
    map.agencies.set(`agency-${a}`, c)
    map.datasets.set(`dataset-${a}-1`, { ...c, agencyId: `agency-${a}` })
  }
  return map
}

const get = (path: string) => app.request(path)

/** Rows of a CSV as the spreadsheet library reads them (exceljs's CSV reader), every cell as text. */
async function parseCsv(res: Response): Promise<string[][]> {
  // Excel's byte order mark first (a Response's text() would drop it).
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
  expect(text.startsWith('\uFEFF')).toBe(true)
  const sheet = await new ExcelJS.Workbook().csv.read(Readable.from([text.slice(1)]), {
    map: (value: string) => value,
  } as never)
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push((row.values as (string | undefined)[]).slice(1).map((v) => v ?? ''))
  })
  return rows
}

/** Every response body the open data gives for the published periods. */
async function everything(): Promise<string[]> {
  const paths = [
    '/open-data/',
    '/open-data/?lang=en',
    '/open-data/?period=fy2566',
    '/open-data/catalog.jsonld',
    '/open-data/dictionary.csv',
    '/open-data/2023-09/agencies.csv',
    '/open-data/2023-09/datasets.csv',
    '/open-data/fy2566/agencies.csv',
    '/open-data/fy2566/datasets.csv',
  ]
  return Promise.all(paths.map(async (p) => (await get(p)).text()))
}

beforeAll(async () => {
  restoreEnv = setEnv({ DASHBOARD_URL: ORIGIN })
  app = createApiApp()
  const catalog = buildCatalog(3, 1)
  const [first] = catalog.agencies
  if (first) first.name = { th: '=HYPERLINK("x") กรม "ทดสอบ"', en: 'Dept, "quoted"' }
  await storeCatalog(catalog)
  await replacePeriodCounts({ month: '2023-08' }, counts({ 1: 300, 2: 200, 3: 100 }))
  await replacePeriodCounts({ month: '2023-09' }, counts({ 1: 50, 2: 400, 3: 100 }))
  await replacePeriodCounts({ fy: 2566 }, counts({ 1: 350, 2: 600, 3: 200 }))
  await replacePeriodCounts({ month: RUNNING }, counts({ 3: 999 }))
  await putReview({
    fy: 2566,
    subjectId: 'agency-1',
    subject: 'agency',
    decision: 'discount',
    reason: SECRET_REASON,
    months: ['2023-08'],
    setBy: 'dga-1',
    setAt: '2023-10-02T00:00:00.000Z',
  })
  await generateMonthlyReport('2023-08')
  await generateMonthlyReport('2023-09')
  await generateMonthlyReport(RUNNING)
  await certifyFiscalYear(2566, 'dga-1', `${ORIGIN}/verify`)
})

afterAll(() => restoreEnv())

describe('usage published as open data', () => {
  it('publishes final months and certified years, never a provisional month', async () => {
    const res = await get('/open-data/catalog.jsonld')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/ld+json')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    const doc = (await res.json()) as { '@graph': { '@type': string; 'dct:identifier'?: string }[] }
    const ids = doc['@graph'].filter((n) => n['@type'] === 'dcat:Dataset').map((n) => n['dct:identifier'])
    expect(ids).toEqual([
      'ogd-rankings-usage-fy2566',
      'ogd-rankings-usage-2023-09',
      'ogd-rankings-usage-2023-08',
    ])
    const provisional = await get(`/open-data/${RUNNING}/agencies.csv`)
    expect(provisional.status).toBe(404)
    expect(((await provisional.json()) as { error: { message: string } }).error.message).toContain(
      `${RUNNING} is not published`,
    )
  })

  it('names every distribution in the DCAT catalog, and every download URL answers its CSV', async () => {
    const doc = (await (await get('/open-data/catalog.jsonld')).json()) as {
      '@context': Record<string, string>
      '@graph': Record<string, unknown>[]
    }
    expect(doc['@context'].dcat).toBe('http://www.w3.org/ns/dcat#')
    expect(doc['@context'].dct).toBe('http://purl.org/dc/terms/')
    const byId = new Map(doc['@graph'].map((n) => [n['@id'] as string, n]))
    const ref = (v: unknown) => (v as { '@id': string })['@id']
    const catalog = doc['@graph'].find((n) => n['@type'] === 'dcat:Catalog') as Record<string, unknown>
    const datasets = (catalog['dcat:dataset'] as unknown[]).map((d) => byId.get(ref(d)))
    expect(datasets).toHaveLength(3)
    const urls = new Set<string>()
    for (const dataset of datasets) {
      expect(dataset?.['@type']).toBe('dcat:Dataset')
      const distributions = ((dataset?.['dcat:distribution'] ?? []) as unknown[]).map((d) => byId.get(ref(d)))
      expect(distributions).toHaveLength(3)
      for (const d of distributions) {
        expect(d).toMatchObject({
          '@type': 'dcat:Distribution',
          'dcat:mediaType': 'text/csv',
          'dct:format': 'CSV',
          'dct:license': { '@id': 'http://www.opendefinition.org/licenses/cc-by' },
        })
        const url = ref(d?.['dcat:downloadURL'])
        expect(url.startsWith(`${ORIGIN}/open-data/`)).toBe(true)
        urls.add(url)
      }
    }
    // Two CSV files per period and the one data dictionary.
    expect(urls.size).toBe(3 * 2 + 1)
    for (const url of urls) {
      const res = await get(url.slice(ORIGIN.length))
      expect(res.status, url).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect((await parseCsv(res)).length).toBeGreaterThan(1)
    }
  })

  it('writes agencies.csv with the documented columns: the month, then its fiscal year to date', async () => {
    const rows = await parseCsv(await get('/open-data/2023-09/agencies.csv'))
    const [header, ...data] = rows
    expect(header).toEqual(OPEN_AGENCY_COLUMNS.map((c) => c.key))
    expect(header).toEqual([
      'period',
      'rank',
      'agencyId',
      'nameTh',
      'nameEn',
      'downloads',
      'uniqueDownloads',
      'machineDownloads',
      'robots',
      'doubleClicks',
      'harvesters',
      'rankChange',
      'downloadsByPortal',
    ])
    const col = (row: string[] | undefined, key: string) => row?.[header?.indexOf(key) ?? -1]
    expect(
      data.map((r) => [col(r, 'period'), col(r, 'agencyId'), col(r, 'rank'), col(r, 'downloads')]),
    ).toEqual([
      ['month', 'agency-2', '1', '400'],
      ['month', 'agency-3', '2', '100'],
      ['month', 'agency-1', '3', '50'],
      ['fiscalYearToDate', 'agency-2', '1', '600'],
      ['fiscalYearToDate', 'agency-1', '2', '350'],
      ['fiscalYearToDate', 'agency-3', '3', '200'],
    ])
    const first = data.find((r) => col(r, 'agencyId') === 'agency-1')
    // Read back as text: the formula stays neutralised, the quotes and comma survive.
    expect(col(first, 'nameTh')).toBe(`'=HYPERLINK("x") กรม "ทดสอบ"`)
    expect(col(first, 'nameEn')).toBe('Dept, "quoted"')
    expect([col(first, 'robots'), col(first, 'doubleClicks')]).toEqual(['7', '3'])
    // agency-1 was third in September and second in August's month ranking.
    expect(col(first, 'rankChange')).toBe('-2')
  })

  it('writes datasets.csv with the documented columns, and a fiscal year as its whole-year table', async () => {
    const [header, ...data] = await parseCsv(await get('/open-data/fy2566/datasets.csv'))
    expect(header).toEqual(OPEN_DATASET_COLUMNS.map((c) => c.key))
    expect(header).not.toContain('review')
    expect(header).not.toContain('awardCount')
    expect(data.map((r) => [r[0], r[2], r[8]])).toEqual([
      ['fiscalYearToDate', 'dataset-2-1', '600'],
      ['fiscalYearToDate', 'dataset-1-1', '350'],
      ['fiscalYearToDate', 'dataset-3-1', '200'],
    ])
  })

  it('has a data dictionary naming every column of every file, in Thai and English', async () => {
    const [header, ...data] = await parseCsv(await get('/open-data/dictionary.csv'))
    expect(header).toEqual(['file', 'column', 'labelTh', 'labelEn', 'type', 'description'])
    const agencies = data.filter((r) => r[0] === 'agencies.csv').map((r) => r[1])
    const datasets = data.filter((r) => r[0] === 'datasets.csv').map((r) => r[1])
    expect(agencies).toEqual(OPEN_AGENCY_COLUMNS.map((c) => c.key))
    expect(datasets).toEqual(OPEN_DATASET_COLUMNS.map((c) => c.key))
    for (const row of data) {
      expect(
        row.slice(2).every((cell) => cell.length > 0),
        row.join(),
      ).toBe(true)
    }
  })

  it('shows nothing that is not public: no review, reason, award count, target or hash', async () => {
    for (const body of await everything()) {
      expect(body).not.toContain(SECRET_REASON)
      expect(body).not.toContain('9f8e7d')
      expect(body).not.toMatch(/discount|disqualified|awardCount|targetPercent|gapToCutoff|neededPerMonth/)
      expect(body).not.toMatch(/\b[0-9a-f]{32,}\b/)
    }
  })

  it.each([
    ['a month of the wrong form', '/open-data/2023-13/agencies.csv', 400],
    ['a period of the wrong form', '/open-data/latest/agencies.csv', 400],
    ['a fiscal year of the wrong form', '/open-data/fy66/agencies.csv', 400],
    ['a month never reported', '/open-data/2022-01/datasets.csv', 404],
    ['a fiscal year not certified', '/open-data/fy2567/agencies.csv', 404],
    ['a file that is not published', '/open-data/2023-09/report.pdf', 404],
    ['the page of an unpublished month', `/open-data/?period=${RUNNING}`, 404],
    ['the page in another language', '/open-data/?lang=fr', 400],
  ])('answers %s (%s) with %i and a message', async (_what, path, status) => {
    const res = await get(path)
    expect(res.status).toBe(status)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.message.length).toBeGreaterThan(10)
    expect(res.headers.get('cache-control') ?? '').not.toContain('public')
  })

  it('renders the leaderboard in Thai by default and in English, linking every published period', async () => {
    const th = await get('/open-data/')
    expect(th.status).toBe(200)
    expect(th.headers.get('content-type')).toContain('text/html')
    const thai = await th.text()
    expect(thai).toContain('<html lang="th">')
    // The newest published month is shown first.
    expect(thai).toContain('อันดับหน่วยงาน · กันยายน 2566')
    expect(thai).toContain('href="/open-data/2023-09/agencies.csv"')
    for (const period of ['fy2566', '2023-09', '2023-08']) expect(thai).toContain(`?period=${period}`)
    expect(thai).not.toContain(`period=${RUNNING}`)
    const english = await (await get('/open-data/?lang=en&period=fy2566')).text()
    expect(english).toContain('<html lang="en">')
    expect(english).toContain('Agency ranking · FY 2023 (Oct 2022 – Sep 2023)')
    expect(english).toContain('href="/open-data/fy2566/agencies.csv"')
    // The dashboard's policy: no inline script or style, so the stylesheet is a file of its own.
    expect(th.headers.get('content-security-policy')).toBe(dashboardCsp())
    expect(thai).not.toMatch(/<script|style="|<style/)
    expect(thai).toContain('<link rel="stylesheet" href="/open-data/style.css">')
    const css = await get('/open-data/style.css')
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8'])
  })

  it('answers an unknown open data path of the local app with a JSON 404, as on AWS, not the dashboard', async () => {
    const res = await createLocalApp({}).request('/open-data/2023-09')
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })

  it('answers HEAD like GET, and dates a file by its report version', async () => {
    const head = await app.request('/open-data/2023-09/agencies.csv', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(Date.parse(head.headers.get('last-modified') ?? '')).toBeGreaterThan(0)
  })

  it("serves a restated month's latest version at the same URL", async () => {
    await replacePeriodCounts({ month: '2023-08' }, counts({ 1: 300, 2: 200, 3: 175 }))
    const restated = await generateMonthlyReport('2023-08')
    expect(restated.entry.version).toBe(2)
    // What is published is read again within seconds (and CloudFront keeps an answer for minutes).
    await expect
      .poll(
        async () => {
          const [header, ...rows] = await parseCsv(await get('/open-data/2023-08/agencies.csv'))
          const at = (key: string) => header?.indexOf(key) ?? -1
          return rows.find((r) => r[at('agencyId')] === 'agency-3' && r[at('period')] === 'month')?.[
            at('downloads')
          ]
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe('175')
    const catalog = await (await get('/open-data/catalog.jsonld')).text()
    expect(catalog).toContain('"owl:versionInfo": "2023-08 v2"')
  })
})
