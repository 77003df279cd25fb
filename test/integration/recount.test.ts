import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import { recordDownloads } from '../../functions/ingest/record.js'
import { recountFiscalYear } from '../../functions/jobs/recount.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import { generateMonthlyReport } from '../../functions/reports/generate.js'
import { listAudit } from '../../functions/store/audit.js'
import { getReportFile, listReportEntries, reportKey } from '../../functions/store/reports.js'
import type { AgencyRankingItem, Ranking } from '../../shared/api.js'
import type { ReportDocument } from '../../shared/reports/model.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA, bearer } from '../fixtures/http.js'

// As the local runtime wires it: the recount runs in the request.
const apiApp = createApiApp({ recountFiscalYear })

/** A crawler counting-v1 misses (no "bot" in its name) and counting-v2 leaves out (COUNTER list / bot library). */
const CRAWLER = 'APIs-Google (+https://developers.google.com/webmasters/APIs-Google.html)'

/** Downloads of agency-1 on a day, from 10:00 Bangkok: `people` by browsers, `crawls` by the crawler. */
async function downloads(day: string, people: number, crawls: number) {
  const at = Date.parse(`${day}T03:00:00Z`)
  const events = [
    ...Array.from({ length: people }, (_, i) => ({ userAgent: BROWSER_UA, clientIp: `192.0.2.${i + 1}` })),
    ...Array.from({ length: crawls }, (_, i) => ({ userAgent: CRAWLER, clientIp: `198.51.100.${i + 1}` })),
  ].map((e, i) => ({
    ...e,
    resourceId: 'resource-1-1',
    eventId: `${day}-${i}`,
    occurredAt: new Date(at + i * 3_600_000).toISOString(),
  }))
  expect(await recordDownloads(events, { ip: '203.0.113.1', userAgent: '' })).toMatchObject({
    accepted: people + crawls,
  })
}

const ranking = async (month: string) => {
  const res = await apiApp.request(`/v1/rankings/agencies?month=${month}`, {
    headers: await bearer('dga_admin'),
  })
  return (await res.json()) as Ranking<AgencyRankingItem>
}
const agency1 = async (month: string) => (await ranking(month)).items.find((a) => a.agencyId === 'agency-1')

const recount = async (fy: string, body: unknown, role: 'dga_admin' | 'agency_exec' = 'dga_admin') =>
  apiApp.request(`/v1/counting/${fy}`, {
    method: 'POST',
    headers: { ...(await bearer(role, ['agency-1'])), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {})
  await storeCatalog(buildCatalog(2, 1))
  // Fiscal year 2570 (October 2026 on) is counted under counting-v2 by default.
  await downloads('2026-10-10', 5, 4)
  await downloads('2026-11-10', 3, 2)
  await runRollup(undefined, ['2026-10-10', '2026-11-10'])
})

describe('a fiscal year recounted under another counting rules version', () => {
  it('counts FY 2570 under counting-v2 by default: the crawler v1 missed is left out', async () => {
    const october = await ranking('2026-10')
    expect(october.countingRules).toBe('counting-v2')
    expect(october.items.find((a) => a.agencyId === 'agency-1')).toMatchObject({
      downloads: 5,
      excluded: { robots: 4 },
    })
    await generateMonthlyReport('2026-10')
  })

  it('restates the months as new report versions under the version DGA chose, the old ones readable', async () => {
    const res = await recount('2570', { rules: 'counting-v1' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      fy: 2570,
      rules: 'counting-v1',
      months: [
        { month: '2026-10', report: { version: 2, created: true } },
        { month: '2026-11' }, // no report yet: recounted only
        { month: '2026-12' },
      ],
    })
    // Under counting-v1 the crawler is a download; every answer says which rules it used.
    expect(await agency1('2026-10')).toMatchObject({ downloads: 9, excluded: { robots: 0 } })
    expect(await agency1('2026-11')).toMatchObject({ downloads: 5 })
    expect((await ranking('2026-11')).countingRules).toBe('counting-v1')
    const versions = await listReportEntries('2026-10')
    expect(versions.map((v) => [v.version, v.countingRules])).toEqual([
      [2, 'counting-v1'],
      [1, 'counting-v2'],
    ])
    const json = async (version: number) =>
      JSON.parse(String(await getReportFile(reportKey('2026-10', version, 'report.json')))) as ReportDocument
    expect((await json(1)).totals.month.downloads).toBe(5)
    expect((await json(2)).totals.month.downloads).toBe(9)
    const [audit] = await listAudit(1)
    expect(audit).toMatchObject({
      action: 'counting.recount',
      target: 'FY2570',
      detail: { rules: 'counting-v1' },
    })
  })

  it('counts new days of the year under the version DGA chose', async () => {
    await downloads('2026-12-01', 0, 1)
    await runRollup()
    expect(await agency1('2026-12')).toMatchObject({ downloads: 1, excluded: { robots: 0 } })
  })

  it('refuses a version it does not know, and a fiscal year in the future', async () => {
    const bad = await recount('2570', { rules: 'counting-v9' })
    expect(bad.status).toBe(422)
    expect(JSON.stringify(await bad.json())).toContain('rules')
    expect((await recount('2599', { rules: 'counting-v1' })).status).toBe(422)
  })
})
