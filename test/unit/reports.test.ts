import { describe, expect, it } from 'vitest'
import { silentDatasetsLine } from '../../functions/reports/pdf.js'
import type { AgencyRankingItem, DatasetRankingItem, PerformanceResponse } from '../../shared/api.js'
import { csvField, neutralise, toCsv } from '../../shared/reports/csv.js'
import {
  buildManifest,
  contentHashInput,
  decidesContent,
  decideVersion,
} from '../../shared/reports/manifest.js'
import { buildAgencyReport, buildReport, topRanked, totalsOf, UNNAMED } from '../../shared/reports/model.js'
import { agenciesTable, csvHeader } from '../../shared/reports/tables.js'
import { displayWidth, fitColumnWidths, fitText, scriptRuns, wrapText } from '../../shared/reports/text.js'
import { november2022 } from '../fixtures/report-input.js'

describe('CSV fields (RFC 4180, formulas neutralised)', () => {
  it.each([
    ['plain text', 'abc', 'abc'],
    ['Thai text', 'กรมควบคุมโรค', 'กรมควบคุมโรค'],
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'line 1\nline 2', '"line 1\nline 2"'],
    ['a CRLF', 'a\r\nb', '"a\r\nb"'],
    ['a formula', '=SUM(A1:A2)', `"'=SUM(A1:A2)"`],
    ['a plus', '+66 2 123', `"'+66 2 123"`],
    ['a minus', '-1+2', `"'-1+2"`],
    ['an at sign', '@cmd', `"'@cmd"`],
    ['a leading tab', '\t=1', `"'\t=1"`],
    ['a leading carriage return', '\r=1', `"'\r=1"`],
    ['a formula with quotes', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['an equals sign later on', 'a=b', 'a=b'],
    ['Thai with a quote and comma', 'กรม "ก", ข', '"กรม ""ก"", ข"'],
    ['a negative number (data, not a formula)', -3, '-3'],
    ['zero', 0, '0'],
    ['nothing', null, ''],
  ] as const)('%s', (_what, value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it('neutralises only what a spreadsheet would run', () => {
    expect(neutralise('=1')).toBe("'=1")
    expect(neutralise('1=1')).toBe('1=1')
  })

  it('writes a BOM, a header and CRLF after every record', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [null, 'ไทย'],
        ],
      ),
    ).toBe('\uFEFFa,b\r\n1,x\r\n,ไทย\r\n')
  })
})

describe('versioning rule', () => {
  it.each([
    ['the first generation is v1', undefined, 'h1', { action: 'create', version: 1, supersedes: null }],
    [
      'the same content makes no version',
      { version: 2, contentSha256: 'h1' },
      'h1',
      { action: 'unchanged', version: 2 },
    ],
    [
      'new content is the next version and supersedes the latest',
      { version: 2, contentSha256: 'h1' },
      'h2',
      { action: 'create', version: 3, supersedes: 2 },
    ],
  ] as const)('%s', (_what, latest, hash, expected) => {
    expect(decideVersion(latest, hash)).toEqual(expected)
  })
})

describe('manifest', () => {
  const files = [
    { name: 'report.pdf', size: 3, sha256: 'bb' },
    { name: 'agencies/a.csv', size: 1, sha256: 'aa' },
  ]
  it('lists files by name, whatever order they were made in', () => {
    const m = buildManifest({
      month: '2022-11',
      fy: 2566,
      version: 2,
      supersedes: 1,
      countingRules: 'counting-v1',
      reportSchemaVersion: 1,
      period: { start: 's', end: 'e', complete: true },
      generatedAt: 'now',
      contentSha256: 'x',
      files,
    })
    expect(m.files.map((f) => f.name)).toEqual(['agencies/a.csv', 'report.pdf'])
    expect(m).toMatchObject({ manifestVersion: 1, version: 2, supersedes: 1 })
  })
  it('hashes content from names and hashes only, in name order', () => {
    expect(contentHashInput(files)).toBe('aa agencies/a.csv\nbb report.pdf\n')
    expect(contentHashInput([...files].reverse())).toBe(contentHashInput(files))
  })
  it.each([
    ['report.json', true],
    ['report.xlsx', true],
    ['agencies/a.csv', true],
    ['report.pdf', false],
    ['agencies/a.pdf', false],
  ])('%s decides the content hash: %s (PDFs name their version)', (name, decides) => {
    expect(decidesContent(name)).toBe(decides)
  })
})

const agency = (id: string, rank: number, downloads: number): AgencyRankingItem => ({
  rank,
  agencyId: id,
  name: { th: `หน่วยงาน ${id}`, en: `Agency ${id}` },
  downloads,
  uniqueDownloads: downloads,
  machineDownloads: 1,
  excluded: { robots: 2, doubleClicks: 3, harvesters: 0 },
  rankChange: null,
})
const dataset = (id: string, agencyId: string, rank: number, downloads: number): DatasetRankingItem => ({
  rank,
  datasetId: id,
  agencyId,
  title: { th: `ชุดข้อมูล ${id}`, en: `Dataset ${id}` },
  downloads,
  uniqueDownloads: downloads,
  machineDownloads: 0,
  excluded: { robots: 0, doubleClicks: 0, harvesters: 0 },
  rankChange: null,
})

describe('top 100 datasets', () => {
  it.each([
    ['fewer than n with downloads', [5, 3, 0], 2, [5, 3]],
    ['exactly n', [5, 3, 1], 2, [5, 3]],
    ['a tie at the last place keeps every tied entry', [5, 3, 3, 3, 1], 2, [5, 3, 3, 3]],
    ['no downloads at all', [0, 0], 2, []],
  ] as const)('%s', (_what, values, n, expected) => {
    let rank = 0
    const items = values.map((v, i) => {
      if (i === 0 || v !== values[i - 1]) rank = i + 1
      return { rank, downloads: v }
    })
    expect(topRanked(items, n).map((i) => i.downloads)).toEqual(expected)
  })
})

describe('report model', () => {
  const performance = (id: string, downloads: number): PerformanceResponse => ({
    agencyId: id,
    name: { th: id, en: id },
    group: 'department',
    fy: 2566,
    period: { fy: 2566, through: '2022-11', complete: true, dataUpTo: 'x' },
    months: [],
    downloads,
    uniqueDownloads: downloads,
    target: 100,
    targetSource: 'projected_cutoff',
    targetPercent: downloads,
    rank: 1,
    rankChange: null,
    cutoff: 100,
    awarded: false,
    gapToCutoff: 0,
    projection: downloads,
    remainingMonths: 10,
    neededPerMonth: 0,
  })
  const input = november2022({
    agencies: [
      [agency('b', 1, 50), agency('a', 2, 10)],
      [agency('a', 1, 90), agency('b', 2, 60)],
    ],
    datasets: [
      [dataset('d1', 'b', 1, 50), dataset('d2', 'a', 2, 10)],
      [dataset('d2', 'a', 1, 90), dataset('d1', 'b', 2, 60)],
    ],
    performance: [performance('b', 60), performance('a', 90)],
  })

  it('builds a versioned document with labels in both calendars and totals of what was left out', () => {
    const doc = buildReport(input)
    expect(doc).toMatchObject({ schemaVersion: 1, report: 'monthly', countingRules: 'counting-v1', fy: 2566 })
    expect(doc.labels).toEqual({
      month: { th: 'พฤศจิกายน 2565', en: 'November 2022' },
      fiscalYear: { th: 'ปีงบประมาณ 2566', en: 'FY 2023 (Oct 2022 – Sep 2023)' },
    })
    expect(doc.period.month).toMatchObject({
      start: '2022-10-31T17:00:00.000Z',
      end: '2022-11-30T17:00:00.000Z',
    })
    expect(doc.period.fiscalYearToDate).toMatchObject({ from: '2022-10', through: '2022-11' })
    expect(doc.totals.month).toEqual(totalsOf(input.agencies.month.items))
    expect(doc.totals.month).toEqual({
      downloads: 60,
      uniqueDownloads: 60,
      machineDownloads: 2,
      excluded: { robots: 4, doubleClicks: 6, harvesters: 0 },
      agenciesWithDownloads: 2,
    })
  })

  it('lists targets in fiscal-year rank order without the response-only fields', () => {
    const doc = buildReport(input)
    expect(doc.targets.map((t) => t.agencyId)).toEqual(['a', 'b'])
    expect(doc.targets[0]).not.toHaveProperty('period')
  })

  it('an agency variant holds only that agency and its datasets', () => {
    const variant = buildAgencyReport(input, 'a')
    expect(variant.agency.month?.downloads).toBe(10)
    expect(variant.datasets.month.map((d) => d.datasetId)).toEqual(['d2'])
    expect(variant.target?.agencyId).toBe('a')
  })

  const withAwards = november2022({
    ...{
      agencies: [input.agencies.month.items, input.agencies.fiscalYearToDate.items],
      datasets: [input.datasets.month, input.datasets.fiscalYearToDate],
      performance: input.performance,
    },
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
          { rank: 1, agencyId: 'a', downloads: 90, uniqueDownloads: 90, awarded: true, tiedAtCutoff: false },
          { rank: 2, agencyId: 'b', downloads: 60, uniqueDownloads: 60, awarded: false, tiedAtCutoff: false },
        ],
      },
      {
        id: 'regional-certificate',
        subject: 'dataset',
        metric: 'uniqueDownloads',
        places: 1,
        qualifying: 2,
        cutoff: 90,
        ties: true,
        standings: [
          {
            rank: 1,
            agencyId: 'a',
            datasetId: 'd2',
            downloads: 90,
            uniqueDownloads: 90,
            awarded: true,
            tiedAtCutoff: true,
          },
          {
            rank: 1,
            agencyId: 'z',
            datasetId: 'd9',
            downloads: 90,
            uniqueDownloads: 90,
            awarded: true,
            tiedAtCutoff: true,
          },
        ],
      },
    ],
  })

  it('names every listed award standing and titles each category without its id', () => {
    const lists = buildReport(withAwards).awards.lists ?? []
    expect(lists.map((l) => l.title)).toEqual([
      { th: 'โล่รางวัลหน่วยงาน', en: 'Agency plaque' },
      { th: 'รางวัลชุดข้อมูล ประเภทที่ 2', en: 'Dataset award, category 2' },
    ])
    expect(lists[0]?.entries.map((e) => [e.name.en, e.awarded])).toEqual([
      ['Agency a', true],
      ['Agency b', false],
    ])
    // A dataset and agency the rankings do not name are unnamed, never shown by id.
    expect(lists[1]?.entries.map((e) => [e.name, e.agency, e.tiedAtCutoff])).toEqual([
      [{ th: 'ชุดข้อมูล d2', en: 'Dataset d2' }, { th: 'หน่วยงาน a', en: 'Agency a' }, true],
      [UNNAMED, UNNAMED, true],
    ])
    expect(lists[1]).toMatchObject({ id: 'regional-certificate', places: 1, qualifying: 2, ties: true })
  })

  it('keeps the award categories as the API gives them beside the named lists', () => {
    const doc = buildReport(withAwards)
    expect(doc.awards.categories).toEqual(withAwards.awards.categories)
  })

  it('an agency variant lists only its own award places', () => {
    const lists = buildAgencyReport(withAwards, 'a').awards.lists ?? []
    expect(lists.map((l) => l.entries.map((e) => e.datasetId ?? e.agencyId))).toEqual([['a'], ['d2']])
  })

  it('agencies.csv has one row per agency with month, year and target side by side', () => {
    const table = agenciesTable(buildReport(input))
    expect(csvHeader(table).slice(0, 5)).toEqual(['agencyId', 'nameTh', 'nameEn', 'group', 'monthRank'])
    expect(table.rows.map((r) => r[0])).toEqual(['b', 'a'])
    expect(table.rows[0]?.[csvHeader(table).indexOf('fyDownloads')]).toBe(60)
  })
})

describe('column widths', () => {
  it.each([
    ['Latin', 'Agency', 6],
    ['Thai: the consonants count, the marks above them do not', 'กรมที่ดิน', 6],
    ['tone marks and vowels above take no width', 'น้ำท่วม', 5],
    ['sara am takes its own', 'กำ', 2],
    ['empty', '', 0],
  ])('%s: "%s" takes %i cells', (_what, text, width) => {
    expect(displayWidth(text)).toBe(width)
  })

  it.each([
    [
      'everything fits: nothing moves',
      [
        { width: 100, need: 0, giveDownTo: 60 },
        { width: 40, need: 30 },
      ],
      [100, 40],
    ],
    [
      'a number takes what it lacks from a text column',
      [
        { width: 100, need: 0, giveDownTo: 60 },
        { width: 40, need: 55 },
      ],
      [85, 55],
    ],
    [
      'a text column gives no more than down to its floor',
      [
        { width: 100, need: 0, giveDownTo: 60 },
        { width: 40, need: 200 },
      ],
      [60, 80],
    ],
    [
      'two text columns give in proportion to their room',
      [
        { width: 100, need: 0, giveDownTo: 60 },
        { width: 80, need: 0, giveDownTo: 60 },
        { width: 40, need: 70 },
      ],
      [80, 70, 70],
    ],
    [
      'nothing to give: widths stay',
      [
        { width: 50, need: 0, giveDownTo: 60 },
        { width: 40, need: 70 },
      ],
      [50, 40],
    ],
  ])('%s', (_what, columns, widths) => {
    const fitted = fitColumnWidths(columns)
    expect(fitted).toEqual(widths)
    expect(fitted.reduce((a, b) => a + b, 0)).toBe(columns.reduce((a, c) => a + c.width, 0))
  })
})

describe('Thai text in PDFs', () => {
  it('splits runs by script; spaces stay with the run before them', () => {
    expect(scriptRuns('กรม ABC 12 ไทย')).toEqual([
      { text: 'กรม ', thai: true },
      { text: 'ABC 12 ', thai: false },
      { text: 'ไทย', thai: true },
    ])
  })
  it('keeps tone marks and vowels with their consonant in a run', () => {
    expect(scriptRuns('น้ำท่วม')).toEqual([{ text: 'น้ำท่วม', thai: true }])
  })
  const width = (s: string) => [...s].length
  it('cuts between words only, never inside a syllable', () => {
    const cut = fitText('สำนักงานสถิติแห่งชาติ', 12, width)
    expect(cut.endsWith('…')).toBe(true)
    expect('สำนักงานสถิติแห่งชาติ'.startsWith(cut.slice(0, -1))).toBe(true)
    expect(['สำนักงาน…', 'สำนักงานสถิติ…']).toContain(cut)
  })
  it('wraps Thai between words', () => {
    const lines = wrapText('ข้อมูลเปิดภาครัฐเพื่อประชาชน', 12, width)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.join('')).toBe('ข้อมูลเปิดภาครัฐเพื่อประชาชน')
  })
})

describe("an agency PDF's line for its datasets without downloads", () => {
  it.each([
    [0, 0, 'หน่วยงานยังไม่มีชุดข้อมูลในรายงาน · The agency has no datasets in this report.'],
    [0, 4, undefined],
    [4, 4, "ชุดข้อมูลทั้ง 4 ชุดของหน่วยงานไม่มีการดาวน์โหลด · None of the agency's 4 datasets had downloads."],
    [
      1200,
      1250,
      "อีก 1,200 ชุดข้อมูลไม่มีการดาวน์โหลด (ทุกชุดอยู่ในไฟล์ CSV ของหน่วยงาน) · 1,200 more datasets had no downloads (every dataset is in the agency's CSV file).",
    ],
  ])('%i silent of %i datasets', (silent, total, line) => {
    expect(silentDatasetsLine(silent, total)).toBe(line)
  })
})
