import ExcelJS from 'exceljs'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import { sendReportEmails } from '../../functions/email/send-report-emails.js'
import { generateMonthlyReport } from '../../functions/reports/generate.js'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import { getReportFile, reportKey } from '../../functions/store/reports.js'
import { putReview } from '../../functions/store/reviews.js'
import { createSubscription } from '../../functions/store/subscriptions.js'
import type {
  AgencyActionsResponse,
  AgencyRankingItem,
  PerformanceResponse,
  Ranking,
} from '../../shared/api.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { emptyPeriodCounts, type PeriodCounts } from '../../shared/counting/period-counts.js'
import type { ReportDocument } from '../../shared/reports/model.js'
import { reviewSentence } from '../../shared/review-text.js'
import type { StoredReview } from '../../shared/reviews.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { bearer } from '../fixtures/http.js'
import { setEnv } from '../support/env.js'
import { parseMessage, partOf } from '../support/mime.js'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js'

/**
 * DGA's review decisions as the monthly report of November 2022 (FY 2566) and its emails show them. Twelve
 * agencies; agency-1 ranks first on 9,400 downloads, 9,000 of them on 5 and 6 November, which DGA discounts
 * (award count 400); agency-2, second, is disqualified. The expected values are read from the files here.
 */
const MONTH = '2022-11'
const FY = 2566
const REASON = 'สามเครื่องดาวน์โหลดไฟล์เดียวซ้ำตลอดสองวัน'

function counts(perAgency: Record<number, number>): PeriodCounts {
  const map = emptyPeriodCounts()
  for (const [a, downloads] of Object.entries(perAgency)) {
    const c = { ...ZERO_COUNTS, downloads, uniqueDownloads: Math.floor(downloads / 2) }
    map.agencies.set(`agency-${a}`, c)
    map.datasets.set(`dataset-${a}-1`, { ...c, agencyId: `agency-${a}` })
  }
  return map
}

/** Agencies 2–12 download 900, 850, … 400 a month; agency-1 200 in October, 9,200 in November. */
const steady = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i + 2, 1000 - (i + 2) * 50]))

const review = (subjectId: string, decision: StoredReview['decision'], days?: string[]): StoredReview => ({
  fy: FY,
  subjectId,
  subject: 'agency',
  decision,
  reason: REASON,
  ...(days ? { days } : {}),
  setBy: 'dga-1',
  setAt: '2022-12-01T00:00:00.000Z',
})

let smtp: TestSmtpServer
let restoreEnv: () => void
let doc: ReportDocument
let version: number
const file = async (name: string) => (await getReportFile(reportKey(MONTH, version, name))) as Buffer

beforeAll(async () => {
  await storeCatalog(buildCatalog(12, 1))
  await replacePeriodCounts({ month: '2022-10' }, counts({ 1: 200, ...steady }))
  await replacePeriodCounts({ month: '2022-11' }, counts({ 1: 9_200, ...steady }))
  const year = Object.fromEntries(Object.entries(steady).map(([a, d]) => [a, 2 * d]))
  await replacePeriodCounts({ fy: FY }, counts({ 1: 9_400, ...year }))
  await replacePeriodCounts({ day: '2022-11-05' }, counts({ 1: 5_000 }))
  await replacePeriodCounts({ day: '2022-11-06' }, counts({ 1: 4_000 }))
  await putReview(review('agency-1', 'discount', ['2022-11-05', '2022-11-06']))
  await putReview(review('agency-2', 'disqualified'))
  await putReview({
    ...review('dataset-1-1', 'discount', ['2022-11-05', '2022-11-06']),
    subject: 'dataset',
  })
  for (const [id, scope] of [
    ['n', 'national'],
    ['a1', 'agency-1'],
    ['a2', 'agency-2'],
  ] as const) {
    await createSubscription({
      id,
      email: `${id}@example.go.th`,
      scope,
      locale: 'en',
      attachPdf: false,
      createdBy: 'dga-1',
      createdAt: '2022-08-01T00:00:00Z',
    })
  }
  smtp = await startSmtpServer()
  restoreEnv = setEnv({ SMTP_URL: smtp.url })
  const { entry } = await generateMonthlyReport(MONTH)
  version = entry.version
  doc = JSON.parse(String(await file('report.json')))
})

afterAll(async () => {
  restoreEnv?.()
  await smtp?.close()
})

const fyItem = (id: string) =>
  doc.agencies.fiscalYearToDate.find((a) => a.agencyId === id) as AgencyRankingItem
const plaque = () => doc.awards.lists?.find((l) => l.id === 'agency-plaque')
const entryOf = (id: string) => plaque()?.entries.find((e) => e.agencyId === id)

describe('report.json', () => {
  it('a discounted agency keeps its counted rank and downloads, with the badge and its award count', () => {
    expect(fyItem('agency-1')).toMatchObject({
      rank: 1,
      downloads: 9_400,
      awardCount: 400,
      review: { decision: 'discount', discounted: 9_000 },
    })
    // The month's ranking shows the badge; a discount is decided on the year, so no award count there.
    const month = doc.agencies.month.find((a) => a.agencyId === 'agency-1')
    expect(month?.review).toEqual({ decision: 'discount' })
    expect(month?.awardCount).toBeUndefined()
    expect(doc.targets.find((t) => t.agencyId === 'agency-1')).toMatchObject({
      downloads: 9_400,
      awardCount: 400,
      review: { decision: 'discount', reason: REASON, days: ['2022-11-05', '2022-11-06'] },
    })
    expect(entryOf('agency-1')).toMatchObject({ downloads: 9_400, awardCount: 400, awarded: false })
  })

  it('a disqualified agency is marked and out of the award places; the places go to the next ones', () => {
    expect(fyItem('agency-2')).toMatchObject({ rank: 2, review: { decision: 'disqualified' } })
    // The standings rank by award count: agency-1's discount puts agency-2 first there, yet it wins nothing.
    expect(entryOf('agency-2')).toMatchObject({
      rank: 1,
      awarded: false,
      review: { decision: 'disqualified' },
    })
    const awarded = plaque()
      ?.entries.filter((e) => e.awarded)
      .map((e) => e.agencyId)
    expect(awarded).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11].map((a) => `agency-${a}`))
    expect(plaque()?.cutoff).toBe(2 * (1000 - 11 * 50))
  })
})

/** A CSV file's records, header → field (the fixture's names hold no comma or quote). */
async function csvRecords(name: string): Promise<Record<string, string>[]> {
  const [header, ...lines] = String(await file(name))
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
  const keys = (header as string).split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((f, i) => [keys[i], f])))
}

describe('the CSV files', () => {
  it('agencies.csv: both counts of the discounted agency, the codes of both decisions', async () => {
    const records = await csvRecords('agencies.csv')
    expect(records.find((r) => r.agencyId === 'agency-1')).toMatchObject({
      fyDownloads: '9400',
      awardCount: '400',
      review: 'discount',
      awarded: 'no',
    })
    expect(records.find((r) => r.agencyId === 'agency-2')).toMatchObject({
      review: 'disqualified',
      awardCount: '',
      awarded: 'no',
    })
    expect(records.find((r) => r.agencyId === 'agency-3')).toMatchObject({ review: '', awarded: 'yes' })
  })

  it("the agency's own CSV: its year row carries the award count and the review", async () => {
    const records = await csvRecords('agencies/agency-1.csv')
    expect(records.find((r) => r.subject === 'agency' && r.period === 'fiscalYearToDate')).toMatchObject({
      downloads: '9400',
      awardCount: '400',
      review: 'discount',
    })
  })
})

describe('report.xlsx', () => {
  it('the award standings sheet: the badge beside the code, the award count beside the downloads', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await file('report.xlsx')) as unknown as ArrayBuffer)
    const sheet = workbook.worksheets.find((s) => s.name.endsWith('(Award standings)')) as ExcelJS.Worksheet
    expect(sheet).toBeDefined()
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v).split('\n')[1])
    const rows: Record<string, unknown>[] = []
    sheet.eachRow((row, n) => {
      if (n > 1) {
        rows.push(
          Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])) as Record<string, unknown>,
        )
      }
    })
    expect(rows.find((r) => r['Agency id'] === 'agency-1')).toMatchObject({
      Downloads: 9_400,
      'Award count': 400,
      'Integrity review': 'discount',
      'Integrity review (label)': 'ตรวจแล้ว: หักยอด / Reviewed: discounted',
      Awarded: 'ไม่ได้รับ / no',
    })
    expect(rows.find((r) => r['Agency id'] === 'agency-2')).toMatchObject({
      'Integrity review (label)': 'ตัดสิทธิ์ / Disqualified',
      Awarded: 'ไม่ได้รับ / no',
    })
  })
})

/** The text of a PDF as pdf.js extracts it, whitespace folded. */
async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise
  const parts: string[] = []
  for (let p = 1; p <= document.numPages; p++) {
    const content = await (await document.getPage(p)).getTextContent()
    parts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(''))
  }
  await document.destroy()
  return parts.join(' ').replace(/\s+/g, ' ')
}

describe('the PDFs', () => {
  it('report.pdf lists the reviewed agencies in the award table with their review and award count', async () => {
    const text = await pdfText(await file('report.pdf'))
    expect(text).toContain('Entries DGA reviewed are listed, awarded or not.')
    expect(text.replace(/\s+/g, '')).toContain('Review:DGA’sintegrityreview(cleared·discounted·disqualified)')
    expect(text).toContain('หักยอด')
    expect(text).toContain('ตัดสิทธิ์')
    // The counted downloads and the award count of the discounted agency, side by side.
    expect(text).toMatch(/9,400\s*400/)
  })

  it("the agency's PDF states the review in plain words, with DGA's reason and the award count", async () => {
    const text = await pdfText(await file('agencies/agency-1.pdf'))
    const target = doc.targets.find((t) => t.agencyId === 'agency-1') as PerformanceResponse
    const review = target.review as NonNullable<PerformanceResponse['review']>
    const sentence = reviewSentence({ review, downloads: 9_400, awardCount: 400 }, 'en')
    expect(text.replace(/\s+/g, '')).toContain(sentence.replace(/\s+/g, ''))
    expect(text).toContain('ตรวจแล้ว: หักยอด / Reviewed: discounted')
    // pdf.js splits the vowel ำ into two code points: compare the reason's first words.
    expect(text).toContain('DGA’s reason: สามเครื่องดาวน์โหลดไฟล์เดียว')
  })
})

describe('the report emails', () => {
  let emails: Map<string, string[]>
  beforeAll(async () => {
    const before = smtp.messages.length
    expect(await sendReportEmails({ month: MONTH, version }, { log: () => {} })).toMatchObject({ sent: 3 })
    const received = smtp.messages.slice(before)
    emails = new Map(
      ['n', 'a1', 'a2'].map((id) => {
        const raw = received.find((m) => m.to.includes(`${id}@example.go.th`))?.raw ?? ''
        return [id, partOf(parseMessage(raw), 'text/plain').split(/\r?\n/)]
      }),
    )
  })

  it("the discounted agency's email: both counts as its report states them, the badge, the reason", () => {
    const lines = emails.get('a1') as string[]
    const target = doc.targets.find((t) => t.agencyId === 'agency-1') as PerformanceResponse
    expect(lines).toContainEqual(expect.stringMatching(/^Downloads so far in FY .*: 9,400$/))
    expect(lines).toContain(`Award count: ${(target.awardCount as number).toLocaleString('en-GB')}`)
    expect(lines).toContain("DGA's integrity review: Reviewed: discounted")
    expect(lines).toContain(`Reason: ${REASON}`)
  })

  it("the disqualified agency's email says so first", () => {
    const lines = emails.get('a2') as string[]
    expect(lines).toContainEqual(expect.stringMatching(/^DGA disqualified the agency from the award of FY/))
    expect(lines).toContain("DGA's integrity review: Disqualified")
  })

  it('the national email marks the reviewed agencies among the top five of the month', () => {
    const lines = emails.get('n') as string[]
    expect(lines).toContainEqual(
      expect.stringMatching(/^1\. Test agency 1: 9,200 \(.*\) · Reviewed: discounted$/),
    )
    expect(lines).toContainEqual(expect.stringMatching(/^2\. Test agency 2: 900 \(.*\) · Disqualified$/))
    expect(lines).toContainEqual(expect.stringMatching(/^3\. Test agency 3: 850 \([^)]*\)$/))
  })
})

describe('the rankings API', () => {
  const app = createApiApp()
  const rankingOf = async (query: string) => {
    const res = await app.request(`/v1/rankings/agencies?${query}`, {
      headers: await bearer('agency_exec', ['agency-5']),
    })
    expect(res.status).toBe(200)
    return (await res.json()) as Ranking<AgencyRankingItem>
  }

  it('a fiscal year: the badge on every reviewed row, the award count beside the downloads', async () => {
    const items = (await rankingOf(`fy=${FY}`)).items
    expect(items.find((i) => i.agencyId === 'agency-1')).toMatchObject({
      rank: 1,
      downloads: 9_400,
      awardCount: 400,
      review: { decision: 'discount', discounted: 9_000 },
    })
    expect(items.find((i) => i.agencyId === 'agency-2')?.review).toEqual({ decision: 'disqualified' })
    expect(items.find((i) => i.agencyId === 'agency-3')).not.toHaveProperty('review')
  })

  it('a month: the badge only', async () => {
    const items = (await rankingOf(`month=${MONTH}`)).items
    expect(items.find((i) => i.agencyId === 'agency-1')).toMatchObject({ review: { decision: 'discount' } })
    expect(items.find((i) => i.agencyId === 'agency-1')).not.toHaveProperty('awardCount')
  })

  it("an executive's certificate actions measure a discounted dataset by its award count", async () => {
    const res = await app.request(`/v1/agencies/agency-1/actions?fy=${FY}`, {
      headers: await bearer('agency_exec', ['agency-1']),
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as AgencyActionsResponse
    expect(body.certificate?.datasets.find((d) => d.datasetId === 'dataset-1-1')?.downloads).toBe(400)
  })

  it("an executive's performance answer carries their agency's review with DGA's reason", async () => {
    const res = await app.request(`/v1/agencies/agency-1/performance?fy=${FY}`, {
      headers: await bearer('agency_exec', ['agency-1']),
    })
    const body = (await res.json()) as PerformanceResponse
    expect(body.review).toEqual({
      decision: 'discount',
      reason: REASON,
      discounted: 9_000,
      days: ['2022-11-05', '2022-11-06'],
      setAt: '2022-12-01T00:00:00.000Z',
    })
    expect(body).not.toHaveProperty('review.setBy')
  })
})
