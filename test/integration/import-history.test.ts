import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../functions/cli/main.js'
import { clock } from '../../functions/clock.js'
import { importHistory } from '../../functions/import/import-history.js'
import { recordDownloads } from '../../functions/ingest/record.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import { forgetVersions } from '../../functions/read-model/cache.js'
import { renderReportFiles } from '../../functions/reports/files.js'
import { readReportInput } from '../../functions/reports/read.js'
import { listLegacyCounts } from '../../functions/store/legacy-counts.js'
import { getVersions } from '../../functions/store/versions.js'
import type { AgencyRankingItem, PerformanceResponse, Ranking } from '../../shared/api.js'
import { buildReport } from '../../shared/reports/model.js'
import { reportTables } from '../../shared/reports/tables.js'
import { bangkokMonth, fiscalYearOf, monthsOfFiscalYear } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA, getJson } from '../fixtures/http.js'

// Every month from the suite's clock: the current fiscal year has counted downloads, the one before has none.
const now = clock.now()
const fy = fiscalYearOf(now)
const current = bangkokMonth(now)
const lastYear = monthsOfFiscalYear(fy - 1)
const [jan, feb] = [lastYear[3] as string, lastYear[4] as string]

let dir: string
const file = (name: string, text: string) => writeFile(join(dir, name), text).then(() => join(dir, name))

function capture() {
  const out: string[] = []
  vi.spyOn(console, 'log').mockImplementation((m) => void out.push(String(m)))
  vi.spyOn(console, 'error').mockImplementation((m) => void out.push(String(m)))
  return out
}

/** An agency's performance as the API answers it after an import (as a second passing would: see cache.ts). */
async function performance(year: number) {
  forgetVersions()
  return (await getJson<PerformanceResponse>(`/v1/agencies/agency-1/performance?fy=${year}`)).body
}

/** An analytics export: 10 downloads a month of dataset-1-1 last year, 5 of resource-1-2 this month. */
const monthlyCsv = [
  'month,dataset_id,resource_id,downloads,page title',
  ...lastYear.map((m) => `${m},dataset-1-1,,10,"Dataset 1-1, all files"`),
  `${current},,resource-1-2,5,`,
].join('\n')

/** CKAN's tracking export as `ckan tracking export` writes it (running totals of visits). */
const tracking = (visits: [number, number]) =>
  [
    'dataset title,dataset url,user visits,recent views',
    `"ชุดข้อมูล 1-1, ทดสอบ",https://data.example.go.th/dataset/dataset-1-1,${visits[0]},3`,
    `Dataset 2-1,https://data.example.go.th/dataset/dataset-2-1,${visits[1]},0`,
  ].join('\r\n')

beforeAll(async () => {
  await storeCatalog(buildCatalog(2, 2))
  dir = await mkdtemp(join(tmpdir(), 'ogd-history-'))
  // Three counted downloads of agency-1 this month (a minute ago: the same month on any of the suite's dates).
  const at = new Date(now - 60_000).toISOString()
  await recordDownloads(
    [1, 2, 3].map((i) => ({
      resourceId: 'resource-1-1',
      eventId: `counted-${i}`,
      occurredAt: at,
      clientIp: `203.0.113.${i}`,
      userAgent: BROWSER_UA,
    })),
    { ip: '', userAgent: '' },
    now,
    { idsUniquePerDay: true },
  )
  await runRollup()
})

describe('import-history', () => {
  it('imports a monthly CSV and a tracking export as earlier counts beside the counted downloads', async () => {
    const out = capture()
    expect(
      await runCli(['import-history', '--monthly', await file('ga4.csv', monthlyCsv), '--source', 'ga4']),
    ).toBe(0)
    expect(
      await runCli([
        'import-history',
        '--tracking',
        await file('jan.csv', tracking([100, 7])),
        '--month',
        jan,
      ]),
    ).toBe(0)
    expect(
      await runCli([
        'import-history',
        '--tracking',
        await file('feb.csv', tracking([130, 7])),
        '--month',
        feb,
      ]),
    ).toBe(0)
    expect(out.join('\n')).toContain('Earlier counts (ga4): 13 figures written, 0 already stored as they are')

    const thisYear = await performance(fy)
    // Counted downloads stay what was counted; earlier counts sit beside them, labelled with their source.
    expect(thisYear.downloads).toBe(3)
    expect(thisYear.earlierCounts?.sources).toEqual([
      { source: 'ga4', downloads: 5, months: [{ month: current, downloads: 5 }] },
    ])
    expect(thisYear.earlierCounts?.datasets).toEqual([
      {
        datasetId: 'dataset-1-2',
        title: { th: 'ชุดข้อมูล 1-2', en: 'Dataset 1-2' },
        sources: [{ source: 'ga4', downloads: 5 }],
      },
    ])
    // Last year has no counted download: its curve comes from the source with monthly figures, and says so.
    expect(thisYear.lastYearSource).toBe('ga4')
    expect(thisYear.lastYear?.map((m) => m.cumulative)).toEqual(lastYear.map((_, i) => 10 * (i + 1)))

    // Tracking totals: the first is everything up to its month, the next one's month is the difference.
    const before = await performance(fy - 1)
    expect(before.downloads).toBe(0)
    expect(before.earlierCounts?.sources.find((s) => s.source === 'ckan-tracking')).toEqual({
      source: 'ckan-tracking',
      downloads: 130,
      months: [
        { month: jan, downloads: 100 },
        { month: feb, downloads: 30 },
      ],
      allUpTo: jan,
    })
  })

  it("puts them in the month's report as a separate sheet and PDF section, beside the counted figures", async () => {
    const input = await readReportInput(current)
    const doc = buildReport(input)
    expect(doc.agencies.fiscalYearToDate.find((a) => a.agencyId === 'agency-1')?.downloads).toBe(3)
    const sheet = reportTables(doc).find((t) => t.key === 'earlierCounts')
    const at = (key: string) => sheet?.columns.findIndex((c) => c.key === key) as number
    expect(sheet?.rows.map((r) => [r[at('agencyId')], r[at('source')], r[at('earlierMonth')]])).toEqual([
      ['agency-1', 'ga4', 5],
    ])
    const files = await renderReportFiles(input)
    expect(files.map((f) => f.name)).toContain('report.pdf')
  })

  it('leaves rankings to counted downloads', async () => {
    const { body } = await getJson<Ranking<AgencyRankingItem>>(`/v1/rankings/agencies?fy=${fy - 1}`)
    expect(body.items.every((i) => i.downloads === 0)).toBe(true)
    const thisYear = await getJson<Ranking<AgencyRankingItem>>(`/v1/rankings/agencies?fy=${fy}`)
    expect(thisYear.body.items.find((i) => i.agencyId === 'agency-1')?.downloads).toBe(3)
  })

  it('changes nothing when the same files are imported again', async () => {
    const versions = await getVersions()
    const figures = await listLegacyCounts(jan)
    const out = capture()
    expect(await runCli(['import-history', '--monthly', join(dir, 'ga4.csv'), '--source', 'ga4'])).toBe(0)
    expect(await runCli(['import-history', '--tracking', join(dir, 'feb.csv'), '--month', feb])).toBe(0)
    expect(out.join('\n')).toContain('Earlier counts (ga4): 0 figures written, 13 already stored as they are')
    expect(out.join('\n')).toContain('Earlier counts (ckan-tracking): 0 figures written')
    expect(await getVersions()).toEqual(versions)
    expect(await listLegacyCounts(jan)).toEqual(figures)
  })

  it("replaces a source's figure of a month on re-import, never adds to it", async () => {
    const fixed = await file('ga4-fix.csv', `month,dataset_id,downloads\n${jan},dataset-1-1,40\n`)
    expect(await runCli(['import-history', '--monthly', fixed, '--source', 'ga4'])).toBe(0)
    const year = await performance(fy - 1)
    expect(year.earlierCounts?.sources.find((s) => s.source === 'ga4')?.months).toContainEqual({
      month: jan,
      downloads: 40,
    })
    expect(year.earlierCounts?.sources.find((s) => s.source === 'ga4')?.downloads).toBe(11 * 10 + 40)
  })

  it('reports progress while reading the file and while storing its figures', async () => {
    const steps: string[] = []
    await importHistory(
      { kind: 'monthly', file: join(dir, 'ga4.csv') },
      { source: 'ga4-progress', onProgress: (done, total, step) => steps.push(`${step} ${done}/${total}`) },
    )
    expect(steps).toEqual(['reading 13/13', 'storing 13/13'])
  })

  const badCsv = [
    'month,dataset_id,downloads',
    `${jan},dataset-1-2,4`,
    `${jan},no-such-dataset,4`,
    `2021-13,dataset-1-2,4`,
    `${feb},dataset-1-2,lots`,
    `${feb},dataset-1-2,6`,
  ].join('\n')

  it('imports nothing from a file with bad lines, and lists them by number', async () => {
    const out = capture()
    expect(
      await runCli(['import-history', '--monthly', await file('bad.csv', badCsv), '--source', 'portal-b']),
    ).toBe(2)
    const text = out.join('\n')
    expect(text).toContain('line 3: no dataset "no-such-dataset" in the catalog')
    expect(text).toContain('line 4: month "2021-13" is not YYYY-MM')
    expect(text).toContain('line 5: downloads "lots" is not a whole number of downloads')
    expect(text).toContain('nothing imported: fix the 3 bad lines, or give --skip-bad')
    expect((await listLegacyCounts(jan)).filter((f) => f.source === 'portal-b')).toEqual([])
  })

  it('imports the good lines with --skip-bad, and lists the bad ones', async () => {
    const out = capture()
    expect(
      await runCli([
        'import-history',
        '--monthly',
        join(dir, 'bad.csv'),
        '--source',
        'portal-b',
        '--skip-bad',
      ]),
    ).toBe(0)
    expect(out.join('\n')).toContain('line 3: no dataset "no-such-dataset" in the catalog')
    expect(out.join('\n')).toContain(
      'Earlier counts (portal-b): 2 figures written, 0 already stored as they are; 3 bad lines skipped',
    )
    const year = await performance(fy - 1)
    expect(year.earlierCounts?.sources.find((s) => s.source === 'portal-b')).toMatchObject({ downloads: 10 })
  })

  it.each([
    [['import-history'], 'give exactly one of --monthly FILE, --tracking FILE, --ckan URL'],
    [['import-history', '--monthly', 'no-such.csv', '--source', 'ga4'], 'no such file: no-such.csv'],
    [['import-history', '--tracking', 'x.csv', '--month', '2999-01'], '--month 2999-01 is in the future'],
    [['import-history', '--ckan', 'ftp://portal'], '--ckan must be an http(s) URL'],
    [
      ['import-history', '--ckan', 'https://portal.example', '--source', 'GA 4!'],
      '--source must be lower-case',
    ],
  ])('exits 2 for %j naming the problem', async (argv, words) => {
    const out = capture()
    expect(await runCli(argv)).toBe(2)
    expect(out.join('\n')).toContain(words)
  })

  it('exits 2 for a monthly CSV without a source', async () => {
    const out = capture()
    expect(await runCli(['import-history', '--monthly', join(dir, 'ga4.csv')])).toBe(2)
    expect(out.join('\n')).toContain('a monthly CSV needs --source NAME')
  })
})

describe('import-history --ckan', () => {
  let server: Server
  let url = ''
  beforeAll(async () => {
    // A CKAN portal's package_show with include_tracking: dataset-2-2 is unknown to it.
    server = createServer((req, res) => {
      const q = new URL(req.url ?? '/', 'http://localhost').searchParams
      const id = q.get('id') ?? ''
      res.writeHead(id === 'dataset-2-2' ? 404 : 200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify(
          id === 'dataset-2-2'
            ? { success: false, error: { message: 'Not found', __type: 'Not Found Error' } }
            : {
                success: true,
                result: {
                  id,
                  name: id,
                  tracking_summary: { total: q.get('include_tracking') === 'true' ? 50 : 0, recent: 2 },
                },
              },
        ),
      )
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it("reads each dataset's tracking total from the portal, importing nothing while one fails", async () => {
    const month = lastYear[6] as string
    const out = capture()
    expect(
      await runCli(['import-history', '--ckan', url, '--month', month, '--source', 'portal-tracking']),
    ).toBe(2)
    expect(out.join('\n')).toContain('dataset dataset-2-2: package_show?id=dataset-2-2')
    const ofPortal = async () => (await listLegacyCounts(month)).filter((f) => f.source === 'portal-tracking')
    expect(await ofPortal()).toEqual([])

    expect(
      await runCli([
        'import-history',
        '--ckan',
        url,
        '--month',
        month,
        '--source',
        'portal-tracking',
        '--skip-bad',
      ]),
    ).toBe(0)
    const figures = await ofPortal()
    expect(figures.map((f) => [f.datasetId, f.downloads, f.upToMonth]).sort()).toEqual([
      ['dataset-1-1', 50, true],
      ['dataset-1-2', 50, true],
      ['dataset-2-1', 50, true],
    ])
  })
})
