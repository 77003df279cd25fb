import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PDF_COLUMNS, pdfColumns } from '../../functions/reports/pdf.js'
import { PdfWriter, tableStartHeight } from '../../functions/reports/pdf-writer.js'
import type { AgencyRankingItem, DatasetRankingItem, PerformanceResponse } from '../../shared/api.js'
import {
  AGENCIES_COLUMNS,
  AGENCY_VARIANT_COLUMNS,
  type AgencyRow,
  AWARD_STANDING_COLUMNS,
  type ColumnDef,
  DATASET_COLUMNS,
  EARLIER_COUNT_COLUMNS,
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
  excluded: { robots: downloads + 1, doubleClicks: downloads + 2, harvesters: downloads + 3 },
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
  targetSource: 'dga',
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
    [dataset('d2', 'a', 1, 90), { ...dataset('d1', 'b', 2, 60), review: { decision: 'disqualified' } }],
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
        {
          rank: 2,
          agencyId: 'b',
          downloads: 60,
          awardCount: 20,
          review: { decision: 'discount', discounted: 40 },
          uniqueDownloads: 59,
          awarded: false,
          tiedAtCutoff: false,
        },
      ],
    },
  ],
  performance: [
    performance('a', 1, 90),
    {
      ...performance('b', 2, 60),
      awardCount: 20,
      review: { decision: 'discount', discounted: 40, reason: 'สามเครื่อง', days: ['2022-11-05'], setAt: 'x' },
    },
  ],
})
const doc = buildReport(input)
const variant = buildAgencyReport(input, 'a')

const tables: [string, ReportTable][] = [
  ['agencies.csv', agenciesTable(doc)],
  ['datasets.csv', datasetsTable(doc)],
  ['agencies/a.csv', agencyVariantTable(variant)],
  ...reportTables(doc).map((t): [string, ReportTable] => [`report.xlsx: ${t.key}`, t]),
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
    ['report.xlsx: targets', { agencyId: 'b' }, 'rank', target('b').rank],
    ['report.xlsx: targets', { agencyId: 'b' }, 'downloads', target('b').downloads],
    ['report.xlsx: agenciesMonth', { agencyId: 'b' }, 'monthUniqueDownloads', month('b').uniqueDownloads],
    ['report.xlsx: awardStandings', { agencyId: 'a' }, 'uniqueDownloads', 89],
    // DGA's review: the award count beside the counted downloads only when a discount makes them differ.
    ['agencies.csv', { agencyId: 'b' }, 'awardCount', 20],
    ['agencies.csv', { agencyId: 'b' }, 'fyDownloads', 60],
    ['agencies.csv', { agencyId: 'b' }, 'review', 'discount'],
    ['agencies.csv', { agencyId: 'a' }, 'awardCount', null],
    ['agencies.csv', { agencyId: 'a' }, 'review', null],
    ['agencies/a.csv', { subject: 'agency', period: 'fiscalYearToDate' }, 'review', null],
    ['datasets.csv', { period: 'fiscalYearToDate', datasetId: 'd1' }, 'review', 'disqualified'],
    ['datasets.csv', { period: 'fiscalYearToDate', datasetId: 'd2' }, 'review', null],
    ['report.xlsx: targets', { agencyId: 'b' }, 'awardCount', 20],
    ['report.xlsx: targets', { agencyId: 'b' }, 'reviewLabel', 'ตรวจแล้ว: หักยอด / Reviewed: discounted'],
    ['report.xlsx: awardStandings', { agencyId: 'b' }, 'downloads', 60],
    ['report.xlsx: awardStandings', { agencyId: 'b' }, 'awardCount', 20],
    ['report.xlsx: awardStandings', { agencyId: 'b' }, 'review', 'discount'],
    [
      'report.xlsx: summary',
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
    agencyDatasets: DATASET_COLUMNS,
    agencyAward: AWARD_STANDING_COLUMNS,
    datasetAward: AWARD_STANDING_COLUMNS,
    earlierCounts: EARLIER_COUNT_COLUMNS,
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
      'ตรวจสอบ',
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
      '',
    ])
    expect(columns.map((c) => c.align)).toEqual([
      'right',
      'left',
      'right',
      'right',
      'right',
      'right',
      'left',
      'left',
    ])
  })

  it('says which shared column it cannot find', () => {
    expect(() => pdfColumns(DATASET_COLUMNS, [{ key: 'nope', width: 10 }])).toThrow(/no report column "nope"/)
  })
})

describe('CSV files keep machine-readable headers', () => {
  it.each([
    [
      'agencies.csv',
      'agencyId,nameTh,nameEn,group,monthRank,monthDownloads,monthUniqueDownloads,monthMachineDownloads,monthRobots,' +
        'monthDoubleClicks,monthHarvesters,monthRankChange,monthDownloadsByPortal,fyRank,fyDownloads,fyUniqueDownloads,fyMachineDownloads,fyRobots,' +
        'fyDoubleClicks,fyHarvesters,fyRankChange,fyDownloadsByPortal,awardCount,review,target,targetSource,targetPercent,cutoff,gapToCutoff,awarded,projection,' +
        'neededPerMonth',
    ],
    [
      'datasets.csv',
      'period,rank,datasetId,titleTh,titleEn,agencyId,agencyTh,agencyEn,downloads,uniqueDownloads,' +
        'machineDownloads,robots,doubleClicks,harvesters,rankChange,downloadsByPortal,awardCount,review',
    ],
    [
      'agencies/a.csv',
      'subject,period,id,nameTh,nameEn,rank,downloads,uniqueDownloads,machineDownloads,robots,doubleClicks,' +
        'harvesters,rankChange,downloadsByPortal,awardCount,review,target,targetSource,targetPercent,cutoff,gapToCutoff,awarded,projection,neededPerMonth',
    ],
  ])('%s: the header line is the machine names, codes stay codes', (name, header) => {
    expect(csvHeader(table(name)).join(',')).toBe(header)
  })

  it('agencies.csv still holds codes, not labels', () => {
    const [record] = csvRecords(table('agencies.csv')).filter((r) => r.agencyId === 'a')
    expect(record).toMatchObject({ group: 'department', targetSource: 'dga', awarded: 'yes' })
  })

  const doc = readFileSync(new URL('../../docs/report-files.md', import.meta.url), 'utf8')
  it.each([
    ['agencies.csv', AGENCIES_COLUMNS],
    ['datasets.csv', DATASET_COLUMNS],
    ['agencies/<agencyId>.csv', AGENCY_VARIANT_COLUMNS],
  ] as [string, readonly ColumnDef<never>[]][])(
    'docs/report-files.md gives %s’s header line and describes each of its columns',
    (name, columns) => {
      const section = doc.split(`## ${name}\n`)[1]?.split('\n## ')[0] ?? ''
      expect(section, name).toContain(`\`\`\`csv\n${columns.map((c) => c.key).join(',')}\n\`\`\``)
      for (const c of columns) {
        expect(section).toContain(
          `| \`${c.key}\` | ${c.header.th} | ${c.header.en} | ${c.format ?? 'text'} |`,
        )
      }
    },
  )
})

describe('report.xlsx sheets, as people read them', () => {
  const sheets = reportTables(doc)
  it.each(sheets.map((t): [string, ReportTable] => [t.sheet, t]))(
    '%s: a valid Excel name, rank and names first, ids last, codes explained',
    (name, t) => {
      expect(name.length).toBeLessThanOrEqual(31)
      expect(name).not.toMatch(/[[\]:*?/\\]/)
      expect(name).toMatch(/^[\u0E00-\u0E7F][^()]* \([A-Za-z ]+\)$/)
      const keys = t.columns.map((c) => c.key)
      const ids = keys.filter((k) => /Id$/.test(k) || k === 'category')
      if (ids.length > 0) expect(keys.slice(-ids.length)).toEqual(ids)
      expect(keys[0]).not.toMatch(/Id$/)
      for (const code of ['group', 'targetSource', 'subject', 'metric', 'review']) {
        if (keys.includes(code)) expect(keys[keys.indexOf(code) + 1]).toBe(`${code}Label`)
      }
      for (const row of t.rows) {
        for (const [i, c] of t.columns.entries()) {
          if (c.format && row[i] !== null && typeof row[i] !== 'number') {
            // Only the summary's counting-rules line holds text under a month.
            expect(t.key).toBe('summary')
          }
          expect(row[i], c.key).not.toBe('yes')
          expect(row[i], c.key).not.toBe('no')
        }
      }
    },
  )

  it('agency sheets start with the rank and the names; freeze them in view', () => {
    const month = sheets.find((t) => t.key === 'agenciesMonth') as ReportTable
    expect(month.columns.slice(0, 3).map((c) => c.key)).toEqual(['monthRank', 'nameTh', 'nameEn'])
    expect(month.columns.at(-1)?.key).toBe('agencyId')
    expect(month.freezeColumns).toBe(2)
  })

  it('targets: codes beside their labels, awarded in words', () => {
    const targets = csvRecords(sheets.find((t) => t.key === 'targets') as ReportTable)
    expect(targets.find((r) => r.agencyId === 'b')).toMatchObject({
      group: 'province',
      groupLabel: 'province',
      targetSource: 'dga',
      targetSourceLabel: 'กำหนดโดย สพร. / set by DGA',
      awarded: 'ไม่ได้รับ / no',
    })
    expect(targets.find((r) => r.agencyId === 'a')).toMatchObject({
      groupLabel: 'ระดับกรม / Department',
      awarded: 'ได้รับ / yes',
    })
  })
})

describe('PDF tables fit their numbers', () => {
  const pdf = new PdfWriter({ title: 't', date: new Date(0) })
  const columns = pdfColumns(AGENCIES_COLUMNS, PDF_COLUMNS.agencies)
  const wide = agencyRows(doc, 'fiscalYearToDate').map((r) => ({
    ...r,
    target: r.target && { ...r.target, target: 123_456_789, targetPercent: 160_640.4 },
    fy: r.fy && { ...r.fy, downloads: 98_765_432 },
  }))
  const planned = columns.reduce((w, c) => w + c.width, 0)

  /** Every right-aligned cell and heading, set at its column's size, fits its column's width less padding. */
  function expectFits(rows: readonly AgencyRow[]) {
    const { widths, sizes } = pdf.tableLayout(columns, rows)
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(planned, 6)
    for (const [i, c] of columns.entries()) {
      if (c.align !== 'right') continue
      for (const text of [c.header, ...rows.map((r) => c.cell(r))]) {
        expect(pdf.measure(text, sizes[i], text === c.header), `${c.header}: ${text}`).toBeLessThanOrEqual(
          (widths[i] as number) - 4 + 1e-9,
        )
      }
    }
    return { widths, sizes }
  }

  it('writes percentages with a separator and one decimal', () => {
    const percent = columns.findIndex((c) => c.header === '% เป้า')
    expect(columns[percent]?.cell(wide[0] as AgencyRow)).toBe('160,640.4%')
  })

  it('widens a number column that would overflow, taking room from the names', () => {
    const { widths, sizes } = expectFits(wide)
    const percent = columns.findIndex((c) => c.header === '% เป้า')
    expect(widths[percent]).toBeGreaterThan(44)
    expect(widths[1]).toBeLessThan(205)
    expect(sizes.every((s) => s === 8)).toBe(true)
  })

  it('keeps the planned widths when every number fits', () => {
    expect(pdf.tableLayout(columns, agencyRows(doc, 'fiscalYearToDate')).widths).toEqual(
      columns.map((c) => c.width),
    )
  })

  it('sets a number smaller when the text columns have no more room to give', () => {
    const huge = wide.map((r) => ({ ...r, target: r.target && { ...r.target, target: 1e40 } }))
    const { sizes } = expectFits(huge)
    expect(Math.min(...sizes)).toBeLessThan(8)
  })
})

describe('PDF headings stay with what they head', () => {
  it('starts a new page for a heading when what follows would not start on this one', () => {
    const pdf = new PdfWriter({ title: 't', date: new Date(0) })
    pdf.y = 700
    pdf.heading('หัวข้อ', 'Heading', tableStartHeight(3))
    expect(pdf.doc.bufferedPageRange().count).toBe(2)
    expect(pdf.y).toBeLessThan(100)
  })

  it('keeps a heading on the page when what follows fits below it', () => {
    const pdf = new PdfWriter({ title: 't', date: new Date(0) })
    pdf.y = 600
    pdf.heading('หัวข้อ', 'Heading', tableStartHeight(3))
    expect(pdf.doc.bufferedPageRange().count).toBe(1)
  })
})

describe('earlier counts in the report', () => {
  const withEarlier = buildReport({
    ...input,
    performance: [
      {
        ...performance('a', 1, 90),
        earlierCounts: {
          sources: [
            {
              source: 'ckan-tracking',
              downloads: 400,
              months: [{ month: '2022-10', downloads: 400 }],
              allUpTo: '2022-10',
            },
            {
              source: 'ga4',
              downloads: 33,
              months: [
                { month: '2022-10', downloads: 21 },
                { month: '2022-11', downloads: 12 },
              ],
            },
          ],
          datasets: [],
        },
      },
      input.performance[1] as PerformanceResponse,
    ],
  })
  const sheet = reportTables(withEarlier).find((t) => t.key === 'earlierCounts')

  it('is a sheet of its own, one row per agency and source, apart from the counted tables', () => {
    expect(sheet?.title.en).toBe(
      'Earlier counts (source): counted by other systems before, not in rankings or awards',
    )
    const at = (key: string) => sheet?.columns.findIndex((c) => c.key === key) as number
    expect(
      sheet?.rows.map((r) => [
        r[at('nameEn')],
        r[at('source')],
        r[at('earlierMonth')],
        r[at('earlierFiscalYearToDate')],
        r[at('allUpTo')],
      ]),
    ).toEqual([
      ['Agency a', 'ckan-tracking', null, 400, '2022-10'],
      ['Agency a', 'ga4', 12, 33, null],
    ])
  })

  it('leaves the counted tables as they are', () => {
    expect(agenciesTable(withEarlier)).toEqual(agenciesTable(doc))
    expect(reportTables(withEarlier).filter((t) => t.key !== 'earlierCounts')).toEqual(reportTables(doc))
  })

  it('adds no sheet to a report without earlier counts', () => {
    expect(reportTables(doc).map((t) => t.key)).not.toContain('earlierCounts')
  })
})
