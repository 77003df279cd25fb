import { describe, expect, it } from 'vitest'
import { PDF_COLUMNS, pdfColumns } from '../../functions/reports/pdf.js'
import type { AgencyRankingItem, DatasetRankingItem, PerformanceResponse } from '../../shared/api.js'
import {
  AGENCIES_COLUMNS,
  type ColumnDef,
  DATASET_COLUMNS,
  summaryColumns,
} from '../../shared/reports/columns.js'
import { type Cell, csvField, toCsv } from '../../shared/reports/csv.js'
import { buildAgencyReport, buildReport } from '../../shared/reports/model.js'
import {
  agenciesTable,
  agencyRows,
  agencyVariantTable,
  csvHeader,
  datasetsTable,
  type ReportTable,
  reportTables,
} from '../../shared/reports/tables.js'
import { november2022 } from '../fixtures/report-input.js'

// Every figure differs from every other, so a value under the wrong header shows.
const counts = (downloads: number) => ({
  downloads,
  uniqueDownloads: downloads - 1,
  machineDownloads: downloads - 2,
  excluded: { robots: downloads + 1, doubleClicks: downloads + 2 },
})
const agency = (id: string, rank: number, downloads: number, rankChange: number): AgencyRankingItem => ({
  rank,
  agencyId: id,
  name: { th: `หน่วยงาน ${id}`, en: `Agency ${id}` },
  rankChange,
  ...counts(downloads),
})
const dataset = (id: string, agencyId: string, rank: number, downloads: number): DatasetRankingItem => ({
  rank,
  datasetId: id,
  agencyId,
  title: { th: `ชุดข้อมูล ${id}`, en: `Dataset ${id}` },
  rankChange: -rank,
  ...counts(downloads),
})
const performance = (id: string, rank: number, downloads: number): PerformanceResponse => ({
  agencyId: id,
  name: { th: `หน่วยงาน ${id}`, en: `Agency ${id}` },
  group: id === 'a' ? 'department' : 'province',
  fy: 2566,
  period: { fy: 2566, through: '2022-11', complete: true, dataUpTo: 'x' },
  months: [],
  downloads,
  uniqueDownloads: downloads - 1,
  target: 1000 + downloads,
  targetSource: 'set',
  targetPercent: downloads / 10,
  rank,
  rankChange: 4,
  cutoff: 150,
  awarded: id === 'a',
  gapToCutoff: 150 - downloads,
  projection: downloads * 6,
  remainingMonths: 10,
  neededPerMonth: 77,
})
const input = november2022({
  agencies: [
    [agency('b', 1, 50, 1), agency('a', 2, 10, -1)],
    [agency('a', 1, 90, 3), agency('b', 2, 60, -3)],
  ],
  datasets: [
    [dataset('d1', 'b', 1, 50), dataset('d2', 'a', 2, 10)],
    [dataset('d2', 'a', 1, 90), dataset('d1', 'b', 2, 60)],
  ],
  categories: [
    {
      id: 'agency-plaque',
      subject: 'agency',
      metric: 'downloads',
      places: 1,
      qualifying: 1,
      cutoff: 90,
      ties: false,
      standings: [
        { rank: 1, agencyId: 'a', downloads: 90, uniqueDownloads: 89, awarded: true, tiedAtCutoff: false },
      ],
    },
  ],
  performance: [performance('a', 1, 90), performance('b', 2, 60)],
})
const doc = buildReport(input)
const variant = buildAgencyReport(input, 'a')

const tables: [string, ReportTable][] = [
  ['agencies.csv', agenciesTable(doc)],
  ['datasets.csv', datasetsTable(doc)],
  ['agencies/a.csv', agencyVariantTable(variant)],
  ...reportTables(doc).map((t): [string, ReportTable] => [`report.xlsx: ${t.sheet}`, t]),
]
const table = (name: string) => tables.find(([n]) => n === name)?.[1] as ReportTable

/** A CSV file as records of header → field (the fixture's text holds no comma or quote). */
function csvRecords(t: ReportTable): Record<string, string>[] {
  const [header, ...lines] = toCsv(csvHeader(t), t.rows).slice(1).split('\r\n').slice(0, -1)
  const keys = (header as string).split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((f, i) => [keys[i], f])))
}

describe('report columns (shared/reports/columns.ts)', () => {
  it.each(tables)('%s: every column has a unique key and a Thai and English header', (_name, t) => {
    const keys = t.columns.map((c) => c.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const c of t.columns) {
      expect(c.key, JSON.stringify(c)).toMatch(/^[a-z][A-Za-z]*$/)
      expect(c.header.th.trim(), c.key).not.toBe('')
      expect(c.header.en.trim(), c.key).not.toBe('')
    }
    for (const row of t.rows) expect(row).toHaveLength(t.columns.length)
  })

  const fy = (id: string) => doc.agencies.fiscalYearToDate.find((a) => a.agencyId === id) as AgencyRankingItem
  const month = (id: string) => doc.agencies.month.find((a) => a.agencyId === id) as AgencyRankingItem
  const target = (id: string) => doc.targets.find((t) => t.agencyId === id) as PerformanceResponse
  const fyDataset = (id: string) => doc.datasets.fiscalYearToDate.find((d) => d.datasetId === id)
  it.each([
    ['agencies.csv', { agencyId: 'a' }, 'nameEn', 'Agency a'],
    ['agencies.csv', { agencyId: 'a' }, 'group', target('a').group],
    ['agencies.csv', { agencyId: 'a' }, 'monthRank', month('a').rank],
    ['agencies.csv', { agencyId: 'a' }, 'monthDownloads', month('a').downloads],
    ['agencies.csv', { agencyId: 'a' }, 'monthRobots', month('a').excluded.robots],
    ['agencies.csv', { agencyId: 'a' }, 'fyRank', fy('a').rank],
    ['agencies.csv', { agencyId: 'a' }, 'fyDownloads', fy('a').downloads],
    ['agencies.csv', { agencyId: 'a' }, 'fyUniqueDownloads', fy('a').uniqueDownloads],
    ['agencies.csv', { agencyId: 'a' }, 'fyMachineDownloads', fy('a').machineDownloads],
    ['agencies.csv', { agencyId: 'a' }, 'fyDoubleClicks', fy('a').excluded.doubleClicks],
    ['agencies.csv', { agencyId: 'a' }, 'fyRankChange', fy('a').rankChange],
    ['agencies.csv', { agencyId: 'b' }, 'target', target('b').target],
    ['agencies.csv', { agencyId: 'b' }, 'targetPercent', target('b').targetPercent],
    ['agencies.csv', { agencyId: 'b' }, 'gapToCutoff', target('b').gapToCutoff],
    ['agencies.csv', { agencyId: 'b' }, 'projection', target('b').projection],
    ['agencies.csv', { agencyId: 'a' }, 'awarded', 'yes'],
    ['datasets.csv', { period: 'fiscalYearToDate', datasetId: 'd2' }, 'rank', fyDataset('d2')?.rank],
    ['datasets.csv', { period: 'fiscalYearToDate', datasetId: 'd2' }, 'titleEn', 'Dataset d2'],
    ['datasets.csv', { period: 'fiscalYearToDate', datasetId: 'd2' }, 'agencyTh', 'หน่วยงาน a'],
    [
      'datasets.csv',
      { period: 'fiscalYearToDate', datasetId: 'd2' },
      'downloads',
      fyDataset('d2')?.downloads,
    ],
    [
      'datasets.csv',
      { period: 'fiscalYearToDate', datasetId: 'd2' },
      'robots',
      fyDataset('d2')?.excluded.robots,
    ],
    [
      'datasets.csv',
      { period: 'fiscalYearToDate', datasetId: 'd2' },
      'rankChange',
      fyDataset('d2')?.rankChange,
    ],
    ['agencies/a.csv', { subject: 'agency', period: 'fiscalYearToDate' }, 'downloads', fy('a').downloads],
    ['agencies/a.csv', { subject: 'agency', period: 'fiscalYearToDate' }, 'neededPerMonth', 77],
    [
      'agencies/a.csv',
      { subject: 'agency', period: 'month' },
      'doubleClicks',
      month('a').excluded.doubleClicks,
    ],
    ['agencies/a.csv', { subject: 'agency', period: 'month' }, 'target', null],
    ['agencies/a.csv', { subject: 'dataset', period: 'month', id: 'd2' }, 'rank', 2],
    ['report.xlsx: Targets', { agencyId: 'b' }, 'rank', target('b').rank],
    ['report.xlsx: Targets', { agencyId: 'b' }, 'downloads', target('b').downloads],
    ['report.xlsx: Agencies month', { agencyId: 'b' }, 'monthUniqueDownloads', month('b').uniqueDownloads],
    ['report.xlsx: Award standings', { agencyId: 'a' }, 'uniqueDownloads', 89],
    [
      'report.xlsx: Summary',
      { itemEn: 'Downloads counted' },
      'fiscalYearToDate',
      doc.totals.fiscalYearToDate.downloads,
    ],
  ] as [string, Record<string, string>, string, Cell | undefined][])(
    '%s: where %o, the field under %s is the row’s',
    (name, where, key, expected) => {
      const records = csvRecords(table(name)).filter((r) =>
        Object.entries(where).every(([k, v]) => r[k] === v),
      )
      expect(records).toHaveLength(1)
      expect(records[0]?.[key]).toBe(csvField(expected ?? null))
    },
  )
})

describe('the PDF’s tables take their columns from the shared definitions', () => {
  const shared: Record<keyof typeof PDF_COLUMNS, readonly ColumnDef<never>[]> = {
    summary: summaryColumns(doc),
    agencies: AGENCIES_COLUMNS,
    datasets: DATASET_COLUMNS,
  }
  const picked = Object.entries(PDF_COLUMNS).flatMap(([table, columns]) =>
    columns.flatMap((c) => [c.key, ...('also' in c ? [c.also] : [])].map((key) => [table, key])),
  ) as [keyof typeof PDF_COLUMNS, string][]

  it.each(picked)('%s: %s is a shared column', (table, key) => {
    expect(shared[table].map((c) => c.key)).toContain(key)
  })

  it.each(Object.keys(PDF_COLUMNS) as (keyof typeof PDF_COLUMNS)[])(
    '%s: each heading is the shared column’s short heading, else its Thai header',
    (table) => {
      const headings = pdfColumns(shared[table], PDF_COLUMNS[table]).map((c) => c.header)
      expect(headings).toEqual(
        PDF_COLUMNS[table].map((p) => {
          const c = shared[table].find((s) => s.key === p.key)
          return c?.short ?? c?.header.th
        }),
      )
    },
  )

  it('keeps the agency table’s headings and reads its cells in the shared formats', () => {
    const columns = pdfColumns(AGENCIES_COLUMNS, PDF_COLUMNS.agencies)
    expect(columns.map((c) => c.header)).toEqual([
      'อันดับ',
      'หน่วยงาน · Agency',
      'เดือนนี้',
      'ปีงบฯ',
      'เป้าหมาย',
      '% เป้า',
      'รางวัล',
    ])
    const [first] = agencyRows(doc, 'fiscalYearToDate')
    expect(columns.map((c) => c.cell(first as never))).toEqual([
      '1',
      'หน่วยงาน a',
      '10',
      '90',
      '1,090',
      '9.0%',
      'ได้รับ',
    ])
    expect(columns.map((c) => c.align)).toEqual(['right', 'left', 'right', 'right', 'right', 'right', 'left'])
  })

  it('says which shared column it cannot find', () => {
    expect(() => pdfColumns(DATASET_COLUMNS, [{ key: 'nope', width: 10 }])).toThrow(/no report column "nope"/)
  })
})
