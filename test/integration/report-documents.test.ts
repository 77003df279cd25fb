import ExcelJS from 'exceljs'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateMonthlyReport } from '../../functions/reports/generate.js'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import { getReportFile, reportKey } from '../../functions/store/reports.js'
import type { Agency } from '../../shared/catalog.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import {
  emptyPeriodCounts,
  type PeriodCounts,
  type SubjectCounts,
} from '../../shared/counting/period-counts.js'
import { outlookSentence } from '../../shared/outlook-text.js'
import { bilingual, rankChangeWords } from '../../shared/reports/labels.js'
import type { AwardList, ReportDocument } from '../../shared/reports/model.js'
import { buildCatalog, storeCatalog, type TestCatalog } from '../fixtures/catalog.js'

/**
 * The report documents a director forwards, read back as a person (PDF text) and a spreadsheet (exceljs)
 * would read them: names instead of ids, months in the Buddhist Era, every award place, one header row.
 * November 2026 (FY 2570): 12 agencies with CKAN-style UUIDs, 60 datasets of which 55 have downloads,
 * three tied at the 49th certificate place.
 */
const MONTH = '2026-11'
const uuid = (kind: number, n: number) =>
  `${String(kind).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

const AGENCIES: [th: string, en: string, group: Agency['group']][] = [
  ['กรมการปกครอง', 'Department of Provincial Administration', 'department'],
  ['กรมควบคุมโรค', 'Department of Disease Control', 'department'],
  ['กรมอุตุนิยมวิทยา', 'Thai Meteorological Department', 'department'],
  ['กรมการขนส่งทางบก', 'Department of Land Transport', 'department'],
  ['กรมสรรพากร', 'The Revenue Department', 'department'],
  ['กรมศุลกากร', 'The Customs Department', 'department'],
  ['กรมที่ดิน', 'Department of Lands', 'department'],
  ['กรมป่าไม้', 'Royal Forest Department', 'department'],
  ['กรมชลประทาน', 'Royal Irrigation Department', 'department'],
  ['สำนักงานสถิติแห่งชาติ', 'National Statistical Office', 'office'],
  ['สำนักงานจังหวัดเชียงใหม่', 'Chiang Mai Provincial Office', 'provincial'],
  ['สำนักงานจังหวัดขอนแก่น', 'Khon Kaen Provincial Office', 'provincial'],
]
const DATASETS_PER_AGENCY = 5

/** November downloads of dataset n (1–60): distinct, except 48–50 tied at the 49th place; none after 55. */
const datasetDownloads = (n: number) =>
  n <= 47 ? 2000 - n * 10 : n <= 50 ? 1400 : n <= 55 ? 1400 - (n - 50) * 10 : 0

function buildDocumentsCatalog(): TestCatalog {
  const n = (a: number, d: number) => (a - 1) * DATASETS_PER_AGENCY + d
  return buildCatalog(AGENCIES.length, DATASETS_PER_AGENCY, {
    agency: (a) => {
      const [th, en, group] = AGENCIES[a - 1] as (typeof AGENCIES)[number]
      return { agencyId: uuid(1, a), slug: `agency-slug-${a}`, name: { th, en }, group }
    },
    dataset: (a, d) => ({
      datasetId: uuid(2, n(a, d)),
      slug: `dataset-slug-${n(a, d)}`,
      title: { th: `ชุดข้อมูลที่ ${n(a, d)} (ทดสอบ)`, en: `Test dataset no. ${n(a, d)}` },
    }),
    resourceId: (a, d) => uuid(3, n(a, d)),
  })
}

const count = (downloads: number, over: Partial<SubjectCounts> = {}): SubjectCounts => ({
  ...ZERO_COUNTS,
  downloads,
  uniqueDownloads: downloads,
  ...over,
})

/** Counts of a period: agencies as given, datasets (and agencies without `agencies`) from `datasets`. */
function periodCounts(
  catalog: TestCatalog,
  datasets: (n: number) => number,
  agencies?: (a: number) => number,
) {
  const map: PeriodCounts = emptyPeriodCounts()
  catalog.agencies.forEach((agency, i) => {
    let sum = 0
    for (let d = 1; d <= DATASETS_PER_AGENCY; d++) {
      const n = i * DATASETS_PER_AGENCY + d
      const downloads = datasets(n)
      sum += downloads
      if (downloads > 0) map.datasets.set(uuid(2, n), count(downloads, { agencyId: agency.agencyId }))
    }
    const total = agencies ? agencies(i + 1) + sum : sum
    if (total > 0) map.agencies.set(agency.agencyId, count(total))
  })
  return map
}

interface TextItem {
  str: string
  y: number
  size: number
}

/** Each page's text as pdf.js extracts it (what a reader copies or a screen reader speaks), with positions. */
async function pdfPages(pdf: Buffer): Promise<{ text: string; items: TextItem[] }[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise
  const pages: { text: string; items: TextItem[] }[] = []
  for (let p = 1; p <= document.numPages; p++) {
    const content = await (await document.getPage(p)).getTextContent()
    const items = content.items.flatMap((i) =>
      'str' in i ? [{ str: i.str, y: i.transform[5] as number, size: i.transform[0] as number }] : [],
    )
    pages.push({
      text: items
        .map((i) => i.str)
        .join('')
        .replace(/\s+/g, ' '),
      items,
    })
  }
  await document.destroy()
  return pages
}

const occurrences = (text: string, part: string) => text.split(part).length - 1

/** Person-facing text holds no machine forms: ids, category ids, ISO months, glyphs the font lacks. */
function expectNoMachineForms(text: string) {
  expect(text).not.toMatch(UUID)
  expect(text).not.toContain('agency-plaque')
  expect(text).not.toContain('dataset-certificate')
  expect(text).not.toMatch(/\b20\d\d-(0[1-9]|1[0-2])\b/)
  expect(text).not.toContain('\u0000')
}

/** A heading (13 pt) is followed on its page by what it heads, not left alone at the page's foot. */
function expectNoOrphanHeadings(pages: { items: TextItem[] }[]) {
  for (const [p, page] of pages.entries()) {
    const footer = Math.min(...page.items.map((i) => i.y))
    for (const heading of page.items.filter((i) => Math.round(i.size) === 13 && i.str.trim())) {
      // Below the heading and its English line (about 18 pt lower) comes at least one line of content.
      const below = page.items.filter((i) => i.y < heading.y - 24 && i.y > footer && i.str.trim())
      expect(below.length, `page ${p + 1}: "${heading.str}" heads nothing`).toBeGreaterThan(0)
    }
  }
}

let catalog: TestCatalog
let doc: ReportDocument
let version: number
const file = async (name: string) => (await getReportFile(reportKey(MONTH, version, name))) as Buffer

beforeAll(async () => {
  catalog = buildDocumentsCatalog()
  await storeCatalog(catalog)
  // October ranks the agencies the other way round, so November moves agency 1 up eleven places.
  const october = periodCounts(
    catalog,
    () => 0,
    (a) => a * 100,
  )
  const november = periodCounts(catalog, datasetDownloads)
  const year = periodCounts(catalog, datasetDownloads, (a) => a * 100)
  await replacePeriodCounts({ month: '2026-10' }, october)
  await replacePeriodCounts({ month: MONTH }, november)
  await replacePeriodCounts({ fy: 2570 }, year)
  const { entry } = await generateMonthlyReport(MONTH)
  version = entry.version
  doc = JSON.parse(String(await file('report.json'))) as ReportDocument
})

const list = (subject: AwardList['subject']) =>
  doc.awards.lists?.find((l) => l.subject === subject) as AwardList

describe('report.json names every award place (added within schema 1)', () => {
  it('lists 9 agency plaques and 50 certificates: three datasets tie at the 49th place', () => {
    expect(doc.schemaVersion).toBe(1)
    expect(list('agency')).toMatchObject({ title: { th: 'โล่รางวัลหน่วยงาน' }, places: 9, qualifying: 9 })
    expect(list('dataset')).toMatchObject({ places: 49, qualifying: 50, ties: true, cutoff: 1400 })
    const tied = list('dataset').entries.filter((e) => e.tiedAtCutoff)
    expect(tied.map((e) => e.name.th)).toEqual([
      'ชุดข้อมูลที่ 48 (ทดสอบ)',
      'ชุดข้อมูลที่ 49 (ทดสอบ)',
      'ชุดข้อมูลที่ 50 (ทดสอบ)',
    ])
    // The categories as the API gives them are still there, unchanged in shape.
    expect(doc.awards.categories.map((c) => c.id)).toEqual(['agency-plaque', 'dataset-certificate'])
  })
})

describe('the national PDF, as text', () => {
  let pages: { text: string; items: TextItem[] }[]
  let text: string
  beforeAll(async () => {
    pages = await pdfPages(await file('report.pdf'))
    text = pages.map((p) => p.text).join(' ')
  })

  it('shows names, never ids, category ids or ISO months', () => {
    expectNoMachineForms(text)
  })

  it('writes the month in Thai with the Buddhist Era, and in English', () => {
    expect(text).toContain('พฤศจิกายน 2569')
    expect(text).toContain('November 2026')
    expect(text).toContain('ปีงบประมาณ 2570')
  })

  it('titles each award category in Thai and English', () => {
    for (const title of [
      'โล่รางวัลหน่วยงาน',
      'Agency plaque',
      'เกียรติบัตรชุดข้อมูลที่มีคุณค่า',
      'Valuable dataset certificate',
    ]) {
      expect(text).toContain(title)
    }
    expect(text).toContain('เกณฑ์ 1,400')
  })

  it('lists every awarded place of every category, the ties at the cut-off marked', () => {
    const awardedDatasets = list('dataset').entries.filter((e) => e.awarded)
    expect(awardedDatasets).toHaveLength(50)
    for (const e of awardedDatasets) expect(text).toContain(e.name.th)
    // Dataset 51 is the first below the cut-off: not a certificate, and past the month's top 20.
    expect(text).not.toContain('ชุดข้อมูลที่ 51 (ทดสอบ)')
    for (const e of list('agency').entries.filter((a) => a.awarded)) expect(text).toContain(e.name.th)
    expect(occurrences(text, 'เสมอ · tie')).toBe(3)
  })

  it('keeps every heading on the page of what it heads', () => {
    expectNoOrphanHeadings(pages)
  })
})

describe('an agency’s PDF, as text', () => {
  const [th, en] = AGENCIES[0] as [string, string, string]
  let pages: { text: string; items: TextItem[] }[]
  let text: string
  beforeAll(async () => {
    pages = await pdfPages(await file(`agencies/${uuid(1, 1)}.pdf`))
    text = pages.map((p) => p.text).join(' ')
  })

  it('shows months in the Buddhist Era, chart labels too, and no ids', () => {
    expectNoMachineForms(text)
    expect(text).toContain('พฤศจิกายน 2569')
    expect(text).toContain('ต.ค. 2569')
    expect(text).toContain('พ.ย. 2569')
  })

  it('says in words what counting left out: robots, double clicks and harvesting', () => {
    expect(text).toContain('Robots left out (month)')
    expect(text).toContain('Double clicks left out (month)')
    expect(text).toContain('การดูดข้อมูลที่ไม่นับ (เดือนนี้) · Harvesting left out (month)')
  })

  it('states the award outlook in the dashboard’s words, Thai and English', () => {
    const target = doc.targets.find((t) => t.agencyId === uuid(1, 1))
    const th = outlookSentence(target as NonNullable<typeof target>, 'th') as string
    expect(th).toBeDefined()
    expect(text).toContain('แนวโน้มรางวัล · Award outlook')
    // Long lines wrap: compare without the spaces and line breaks the PDF puts between words.
    const squeeze = (s: string) => s.replace(/\s+/g, '')
    expect(squeeze(text)).toContain(squeeze(th))
  })

  it('says the change of rank in words', () => {
    const year = doc.agencies.fiscalYearToDate.find((a) => a.agencyId === uuid(1, 1))
    expect(year?.rankChange).toBe(11)
    expect(text).toContain(`(${bilingual(rankChangeWords(11))})`)
    expect(text).toContain('(ขึ้น 11 อันดับ / up 11)')
    expect(text).not.toContain('(+11)')
  })

  it('signs each page with the agency’s name and the report version, not an id', () => {
    for (const page of pages) {
      expect(page.text).toContain(`${th} · ${en}`)
      expect(page.text).toContain('ฉบับที่ 1 · version 1')
    }
  })

  it('does not repeat the agency’s name on each of its datasets’ rows', () => {
    // The title once, the footer once a page: five datasets in two tables would add ten more.
    expect(occurrences(text, th)).toBe(1 + pages.length)
    expect(text).toContain('ชุดข้อมูลที่ 1 (ทดสอบ)')
  })

  it('keeps every heading on the page of what it heads', () => {
    expectNoOrphanHeadings(pages)
  })
})

describe('an agency’s PDF lists the datasets a reader needs', () => {
  it('lists each dataset with downloads, and says so when none is left out', async () => {
    const text = (await pdfPages(await file(`agencies/${uuid(1, 1)}.pdf`))).map((p) => p.text).join(' ')
    for (let n = 1; n <= DATASETS_PER_AGENCY; n++) expect(text).toContain(`ชุดข้อมูลที่ ${n} (ทดสอบ)`)
    expect(text).not.toContain('had no downloads')
  })

  it('counts the datasets without downloads instead of listing them; the CSV still lists them all', async () => {
    // Agency 12's five datasets (56–60) have no downloads in the month or the year.
    const agency = uuid(1, 12)
    const text = (await pdfPages(await file(`agencies/${agency}.pdf`))).map((p) => p.text).join(' ')
    for (let n = 56; n <= 60; n++) expect(text).not.toContain(`ชุดข้อมูลที่ ${n} (ทดสอบ)`)
    expect(occurrences(text, "None of the agency's 5 datasets had downloads.")).toBe(2)
    expect(text).toContain('ชุดข้อมูลทั้ง 5 ชุดของหน่วยงานไม่มีการดาวน์โหลด')
    const csv = String(await file(`agencies/${agency}.csv`))
    for (let n = 56; n <= 60; n++) expect(csv).toContain(uuid(2, n))
  })
})

describe('report.xlsx, as a spreadsheet reads it', () => {
  let workbook: ExcelJS.Workbook
  beforeAll(async () => {
    workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await file('report.xlsx')) as unknown as ArrayBuffer)
  })
  const sheets = () => workbook.worksheets
  const headers = (sheet: ExcelJS.Worksheet) =>
    (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v))
  const column = (sheet: ExcelJS.Worksheet, header: string) => {
    const index = headers(sheet).findIndex((h) => h.startsWith(`${header}\n`))
    expect(index, `${sheet.name}: no column "${header}"`).toBeGreaterThanOrEqual(0)
    const values: unknown[] = []
    sheet.eachRow((row, n) => {
      if (n > 1) values.push(row.getCell(index + 1).value)
    })
    return values
  }
  const sheet = (english: string) =>
    sheets().find((s) => s.name.endsWith(`(${english})`)) as ExcelJS.Worksheet

  it('names sheets in Thai with English in parentheses, as Excel allows', () => {
    expect(sheets().length).toBe(8)
    for (const s of sheets()) {
      expect(s.name.length, s.name).toBeLessThanOrEqual(31)
      expect(s.name).not.toMatch(/[[\]:*?/\\]/)
      expect(s.name).toMatch(/^[\u0E00-\u0E7F][^()]* \([A-Za-z ]+\)$/)
    }
  })

  it('gives each sheet one frozen header row (Thai, then English), a filter over the table', () => {
    for (const s of sheets()) {
      const row1 = headers(s)
      expect(row1.length, s.name).toBeGreaterThan(1)
      for (const h of row1) expect(h, s.name).toMatch(/^[^\n]+\n[^\n]+$/)
      // The second row is data, not a second header.
      const row2 = (s.getRow(2).values as unknown[]).slice(1)
      expect(row2.length, s.name).toBeGreaterThan(0)
      expect(
        row2.every((v) => typeof v === 'string' && v.includes('\n')),
        s.name,
      ).toBe(false)
      expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(String(s.autoFilter), s.name).toBe(`A1:${s.getColumn(row1.length).letter}${s.rowCount}`)
    }
  })

  it('stores counts as numbers and starts with the rank and name, ids after them', () => {
    const agencies = sheet('Agencies month')
    expect(headers(agencies).slice(0, 3)).toEqual([
      'อันดับ\nRank',
      'ชื่อหน่วยงาน\nName (Thai)',
      'ชื่อภาษาอังกฤษ\nName (English)',
    ])
    for (const v of column(agencies, 'ดาวน์โหลด')) expect(typeof v).toBe('number')
    for (const s of sheets()) {
      const first = column(s, headers(s)[0]?.split('\n')[0] as string)
      for (const v of first) expect(String(v), s.name).not.toMatch(UUID)
    }
    expect(column(agencies, 'รหัสหน่วยงาน')).toContain(uuid(1, 1))
  })

  it('explains codes beside them and writes yes and no as people do', () => {
    const targets = sheet('Targets')
    expect(column(targets, 'ที่มาของเป้าหมาย')).toContain('projected_cutoff')
    expect(column(targets, 'ที่มาของเป้าหมาย (คำอธิบาย)')).toContain(
      'ตามเกณฑ์รางวัลสิ้นปีที่คาดการณ์ / projected year-end award cut-off',
    )
    expect(column(targets, 'กลุ่ม')).toContain('provincial')
    expect(column(targets, 'ชื่อกลุ่ม')).toContain('จังหวัด / Provincial office')
    expect(new Set(column(targets, 'ได้รางวัล'))).toEqual(new Set(['ได้รับ / yes', 'ไม่ได้รับ / no']))
    const standings = sheet('Award standings')
    expect(column(standings, 'รางวัล')).toContain('เกียรติบัตรชุดข้อมูลที่มีคุณค่า')
    expect(column(standings, 'เสมอที่เกณฑ์').filter((v) => v === 'เสมอ / yes')).toHaveLength(3)
  })

  it('makes Thai name columns wide enough for the names', () => {
    const agencies = sheet('Agencies month')
    expect(agencies.getColumn(2).width).toBeGreaterThanOrEqual('สำนักงานจังหวัดเชียงใหม่'.length - 4)
  })
})
