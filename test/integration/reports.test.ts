import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import type { Role } from '../../functions/auth/principal.js'
import { clock } from '../../functions/clock.js'
import { renderReportFiles } from '../../functions/reports/files.js'
import { generateMonthlyReport } from '../../functions/reports/generate.js'
import { readReportInput } from '../../functions/reports/read.js'
import { listAudit } from '../../functions/store/audit.js'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import { getReportFile, reportKey } from '../../functions/store/reports.js'
import type { ReportEntry, ReportsResponse, ReportUrlResponse } from '../../shared/api.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import {
  emptyPeriodCounts,
  type PeriodCounts,
  type SubjectCounts,
} from '../../shared/counting/period-counts.js'
import type { ReportManifest } from '../../shared/reports/manifest.js'
import type { ReportDocument } from '../../shared/reports/model.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { bearer } from '../fixtures/http.js'

// As the local runtime does; on AWS the API starts the report function (catalog-sync-job.test.ts).
const apiApp = createApiApp({ generateReport: (month) => generateMonthlyReport(month) })

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
const count = (downloads: number, over: Partial<SubjectCounts> = {}): SubjectCounts => ({
  ...ZERO_COUNTS,
  downloads,
  uniqueDownloads: Math.floor(downloads / 2),
  robots: 3,
  doubleClicks: 2,
  ...over,
})

/** Agency and dataset counts (`dataset-<a>-1` takes them all), keyed like the store. */
function counts(perAgency: Record<number, number>): PeriodCounts {
  const map: PeriodCounts = emptyPeriodCounts()
  for (const [a, downloads] of Object.entries(perAgency)) {
    map.agencies.set(`agency-${a}`, count(downloads))
    map.datasets.set(`dataset-${a}-1`, count(downloads, { agencyId: `agency-${a}` }))
  }
  return map
}

const call = async (method: string, path: string, role: Role = 'dga_admin', agencyIds: string[] = []) =>
  apiApp.request(path, { method, headers: await bearer(role, agencyIds) })

// November 2022 is FY 2566's second month; December already has downloads, which its report must not count.
beforeAll(async () => {
  const catalog = buildCatalog(3, 2)
  const [first] = catalog.agencies
  if (first) first.name = { th: '=HYPERLINK("x") กรม "ทดสอบ"', en: 'Dept, "quoted"' }
  await storeCatalog(catalog)
  await replacePeriodCounts({ month: '2022-10' }, counts({ 1: 100, 2: 50 }))
  await replacePeriodCounts({ month: '2022-11' }, counts({ 1: 20, 2: 80, 3: 70 }))
  await replacePeriodCounts({ month: '2022-12' }, counts({ 3: 5000 }))
  await replacePeriodCounts({ fy: 2566 }, counts({ 1: 120, 2: 130, 3: 5070 }))
})

describe('monthly reports', () => {
  let v1: ReportEntry

  it('generates a month from the counts: every file, the fiscal year only up to that month', async () => {
    const res = await call('POST', '/v1/reports/2022-11')
    expect(res.status).toBe(201)
    v1 = (await res.json()) as ReportEntry
    expect(v1).toMatchObject({ month: '2022-11', version: 1, supersedes: null, complete: true })
    const names = v1.files.map((f) => f.name)
    for (const name of [
      'report.json',
      'report.xlsx',
      'report.pdf',
      'agencies.csv',
      'datasets.csv',
      'manifest.json',
    ]) {
      expect(names).toContain(name)
    }
    expect(names).toContain('agencies/agency-2.pdf')
    expect(names).toContain('agencies/agency-3.csv')
    const doc = JSON.parse(
      String(await getReportFile(reportKey('2022-11', 1, 'report.json'))),
    ) as ReportDocument
    expect(doc.schemaVersion).toBe(1)
    expect(doc.labels.month).toEqual({ th: 'พฤศจิกายน 2565', en: 'November 2022' })
    expect(doc.agencies.month.map((a) => [a.agencyId, a.downloads])).toEqual([
      ['agency-2', 80],
      ['agency-3', 70],
      ['agency-1', 20],
    ])
    // October + November, not December's 5,000.
    expect(doc.agencies.fiscalYearToDate.map((a) => [a.agencyId, a.downloads])).toEqual([
      ['agency-2', 130],
      ['agency-1', 120],
      ['agency-3', 70],
    ])
    expect(doc.totals.month).toMatchObject({ downloads: 170, excluded: { robots: 9, doubleClicks: 6 } })
    expect(doc.targets).toHaveLength(3)
    expect(doc.targets[0]).toMatchObject({ agencyId: 'agency-2', downloads: 130, remainingMonths: 10 })
  })

  it('writes CSV with a BOM, CRLF, quoting and a neutralised formula', async () => {
    const csv = String(await getReportFile(reportKey('2022-11', 1, 'agencies.csv')))
    expect(csv.startsWith('\uFEFFagencyId,nameTh,nameEn,')).toBe(true)
    expect(csv).toContain('\r\n')
    expect(csv).toContain(`"'=HYPERLINK(""x"") กรม ""ทดสอบ""","Dept, ""quoted"""`)
  })

  it('generating the same month again from the same data gives the same bytes: no new version', async () => {
    const again = await generateMonthlyReport('2022-11', { now: clock.now() + 3_000 })
    expect(again.created).toBe(false)
    expect(again.entry.version).toBe(1)
    expect(again.entry.files).toEqual(v1.files)
  })

  it('renders byte for byte the same files at another time of day', async () => {
    const input = await readReportInput('2022-11')
    const first = await renderReportFiles(input)
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2030-01-02T03:04:05Z'))
      const second = await renderReportFiles(input)
      expect(second.map((f) => f.name)).toEqual(first.map((f) => f.name))
      for (const [i, f] of second.entries()) {
        expect(sha256(f.body), f.name).toBe(sha256(first[i]?.body as Buffer))
      }
    } finally {
      vi.useRealTimers()
    }
  })

  it('a presigned URL returns the file whose SHA-256 the manifest lists', async () => {
    const manifest = JSON.parse(
      String(await getReportFile(reportKey('2022-11', 1, 'manifest.json'))),
    ) as ReportManifest
    expect(manifest).toMatchObject({
      month: '2022-11',
      version: 1,
      supersedes: null,
      countingRules: 'counting-v1',
    })
    const res = await call('GET', '/v1/reports/2022-11/report.xlsx')
    expect(res.status).toBe(302)
    const location = res.headers.get('location') as string
    expect(location).toContain('X-Amz-Expires=300')
    const file = await fetch(location)
    expect(file.status).toBe(200)
    const body = new Uint8Array(await file.arrayBuffer())
    expect(sha256(body)).toBe(manifest.files.find((f) => f.name === 'report.xlsx')?.sha256)
    const json = await call('GET', '/v1/reports/2022-11/report.pdf?redirect=0')
    const { url } = (await json.json()) as ReportUrlResponse
    expect((await fetch(url)).headers.get('content-disposition')).toContain(
      'ogd-rankings-2022-11-v1-report.pdf',
    )
  })

  it('restates a month as v2 when new events arrive for it; v1 stays readable', async () => {
    await replacePeriodCounts({ month: '2022-11' }, counts({ 1: 25, 2: 80, 3: 70 }))
    const res = await call('POST', '/v1/reports/2022-11')
    expect(res.status).toBe(201)
    const v2 = (await res.json()) as ReportEntry
    expect(v2).toMatchObject({ version: 2, supersedes: 1 })
    const manifest = JSON.parse(String(await getReportFile(reportKey('2022-11', 2, 'manifest.json'))))
    expect(manifest.supersedes).toBe(1)
    const old = await call('GET', '/v1/reports/2022-11/report.json?version=1')
    expect(old.status).toBe(302)
    const oldDoc = (await (await fetch(old.headers.get('location') as string)).json()) as ReportDocument
    expect(oldDoc.agencies.month.find((a) => a.agencyId === 'agency-1')?.downloads).toBe(20)
    const latest = await call('GET', '/v1/reports/2022-11/report.json')
    const newDoc = (await (await fetch(latest.headers.get('location') as string)).json()) as ReportDocument
    expect(newDoc.agencies.month.find((a) => a.agencyId === 'agency-1')?.downloads).toBe(25)
    const audit = await listAudit()
    expect(audit.filter((a) => a.action === 'report.generate' && a.target === '2022-11')).toHaveLength(2)
  })

  it('lists versions newest first; an executive sees only their own agency’s files', async () => {
    const all = (await (await call('GET', '/v1/reports')).json()) as ReportsResponse
    expect(all.items.map((i) => `${i.month} v${i.version}`)).toEqual(['2022-11 v2', '2022-11 v1'])
    const own = (await (
      await call('GET', '/v1/reports', 'agency_exec', ['agency-1'])
    ).json()) as ReportsResponse
    expect(own.items).toHaveLength(2)
    for (const item of own.items) {
      expect(item.files.map((f) => f.name).sort()).toEqual(['agencies/agency-1.csv', 'agencies/agency-1.pdf'])
    }
  })

  it.each([
    ['an executive, a national file', '/v1/reports/2022-11/report.pdf', ['agency-1'], 403],
    ['an executive, another agency', '/v1/reports/2022-11/agencies/agency-2.pdf', ['agency-1'], 403],
    ['an executive, their own agency', '/v1/reports/2022-11/agencies/agency-1.csv', ['agency-1'], 302],
  ])('%s → %i', async (_what, path, agencyIds, status) => {
    expect((await call('GET', path, 'agency_exec', agencyIds)).status).toBe(status)
  })

  it.each([
    ['a bad month', 'GET', '/v1/reports/2022-13/report.pdf', 422],
    ['a future month', 'POST', '/v1/reports/2999-01', 422],
    ['a bad month to generate', 'POST', '/v1/reports/november', 422],
    ['a month without a report', 'GET', '/v1/reports/2022-10/report.pdf', 404],
    ['a file that is not there', 'GET', '/v1/reports/2022-11/nothing.pdf', 404],
    ['a version that is not there', 'GET', '/v1/reports/2022-11/report.pdf?version=9', 404],
    ['a malformed version', 'GET', '/v1/reports/2022-11/report.pdf?version=x', 400],
  ])('%s → %i with a message', async (_what, method, path, status) => {
    const res = await call(method, path)
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/\w/)
  })

  it('two generations of one month at once never make the same version twice', async () => {
    const results = await Promise.allSettled([
      generateMonthlyReport('2022-10'),
      generateMonthlyReport('2022-10'),
    ])
    const done = results.filter((r) => r.status === 'fulfilled')
    expect(done.length).toBeGreaterThanOrEqual(1)
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as Error).name).toBe('ReportInProgressError')
    }
    const list = (await (await call('GET', '/v1/reports')).json()) as ReportsResponse
    expect(list.items.filter((i) => i.month === '2022-10').map((i) => i.version)).toEqual([1])
  })
})

describe('an API that can neither make reports nor start the report function', () => {
  it('answers 503 saying so, and makes nothing', async () => {
    const withoutReports = createApiApp()
    const before = (await (await call('GET', '/v1/reports')).json()) as ReportsResponse
    const res = await withoutReports.request('/v1/reports/2022-10', {
      method: 'POST',
      headers: await bearer('dga_admin', []),
    })
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({
      error: {
        code: 'reports_unavailable',
        message: 'This API cannot make reports: REPORT_FUNCTION is not set',
      },
    })
    expect(((await (await call('GET', '/v1/reports')).json()) as ReportsResponse).items).toEqual(before.items)
  })
})
