/**
 * The open data's answers built from a national-scale report (900 agencies ranked in the month and the year,
 * the top 100 datasets of each), as `/open-data/…` builds them once the report document is read: both CSV
 * files, the leaderboard page, and the DCAT catalog of 24 published periods. Pure work, no store: the report
 * document is read from S3 once per version and kept. Run: `npm run bench -- open-data`.
 */
import type { AgencyRankingItem, DatasetRankingItem } from '../shared/api.js'
import { dcatCatalog } from '../shared/open-data/dcat.js'
import { openDataPage } from '../shared/open-data/page.js'
import type { PublishedPeriod } from '../shared/open-data/periods.js'
import { openDataCsv } from '../shared/open-data/tables.js'
import type { ReportDocument } from '../shared/reports/model.js'
import { addMonths } from '../shared/time.js'
import { quantile, round } from './lib/stats.js'

const AGENCIES = 900
const DATASETS = 100
const RUNS = 50

const counts = (downloads: number) => ({
  downloads,
  uniqueDownloads: Math.floor(downloads * 0.6),
  machineDownloads: Math.floor(downloads * 0.1),
  excluded: { robots: 40, doubleClicks: 12, harvesters: 3 },
})
const agency = (i: number, scale: number): AgencyRankingItem => ({
  rank: i + 1,
  agencyId: `6c1f0b2e-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: { th: `กรมทดสอบการดาวน์โหลดข้อมูลเปิด ลำดับที่ ${i + 1}`, en: `Department of Open Data Test No. ${i + 1}` },
  rankChange: (i % 7) - 3,
  ...counts((AGENCIES - i) * scale),
})
const dataset = (i: number, scale: number): DatasetRankingItem => ({
  rank: i + 1,
  datasetId: `9a2d7c4b-0000-4000-8000-${String(i).padStart(12, '0')}`,
  agencyId: `6c1f0b2e-0000-4000-8000-${String(i % AGENCIES).padStart(12, '0')}`,
  title: {
    th: `ชุดข้อมูลสถิติประชากรรายจังหวัด ปี 2569 ชุดที่ ${i + 1}`,
    en: `Population by province 2026, set ${i + 1}`,
  },
  rankChange: null,
  ...counts((DATASETS - i) * scale * 3),
})
const doc = {
  schemaVersion: 1,
  month: '2026-11',
  agencies: {
    month: Array.from({ length: AGENCIES }, (_, i) => agency(i, 10)),
    fiscalYearToDate: Array.from({ length: AGENCIES }, (_, i) => agency(i, 20)),
  },
  datasets: {
    month: Array.from({ length: DATASETS }, (_, i) => dataset(i, 10)),
    fiscalYearToDate: Array.from({ length: DATASETS }, (_, i) => dataset(i, 20)),
  },
} as unknown as ReportDocument

const published: PublishedPeriod[] = Array.from({ length: 24 }, (_, i) => ({
  period: { kind: 'month', month: addMonths('2026-11', -i) },
  reportMonth: addMonths('2026-11', -i),
  version: 1,
  generatedAt: '2026-11-30T19:00:00.000Z',
  countingRules: 'counting-v1',
}))
const shown = published[0] as PublishedPeriod

const cases: [string, () => string][] = [
  ['agencies.csv (1,800 rows)', () => openDataCsv(doc, shown.period, 'agencies.csv')],
  ['datasets.csv (200 rows)', () => openDataCsv(doc, shown.period, 'datasets.csv')],
  [
    'the page (900 agencies, 20 datasets)',
    () => openDataPage({ lang: 'th', published, shown: { published: shown, doc } }),
  ],
  [
    'catalog.jsonld (24 periods)',
    () => JSON.stringify(dcatCatalog('https://rankings.example.go.th', published)),
  ],
]

console.log(`${RUNS} runs each, after 5 to warm up; Node ${process.version}`)
console.log('| answer | median | p95 | size |')
console.log('| --- | --- | --- | --- |')
for (const [name, build] of cases) {
  for (let i = 0; i < 5; i++) build()
  const times: number[] = []
  let size = 0
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    size = Buffer.byteLength(build())
    times.push(performance.now() - started)
  }
  console.log(
    `| ${name} | ${round(quantile(times, 0.5))} ms | ${round(quantile(times, 0.95))} ms | ${round(size / 1024, 1)} KiB |`,
  )
}
