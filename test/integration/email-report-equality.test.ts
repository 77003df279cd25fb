import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendReportEmails } from '../../functions/email/send-report-emails.js'
import { generateMonthlyReport } from '../../functions/reports/generate.js'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import { getReportFile, reportKey } from '../../functions/store/reports.js'
import { createSubscription } from '../../functions/store/subscriptions.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { emptyPeriodCounts, type PeriodCounts } from '../../shared/counting/period-counts.js'
import { OUTLOOK_STATUS, outlookSentence } from '../../shared/outlook-text.js'
import type { ReportDocument } from '../../shared/reports/model.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { setEnv } from '../support/env.js'
import { parseMessage, partOf } from '../support/mime.js'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js'

/**
 * What a report email says equals what its report says, for the national scope and agencies, over months that
 * end and begin fiscal years (September, October) and months inside one. The expected values are read from the
 * stored report.json by hand here, never through the code that builds the email.
 */

/**
 * Downloads of agency-1…agency-12 per month (more agencies than the 9 plaques, so some are outside the award
 * places): agency-1 climbs, agency-3 spikes in November, agency-5 stays small.
 */
const MONTHS: Record<string, number[]> = {
  '2022-08': [40, 90, 60, 30, 0, 70, 80, 20, 25, 35, 45, 55],
  '2022-09': [70, 80, 50, 30, 5, 60, 90, 20, 25, 35, 45, 55],
  '2022-10': [100, 300, 200, 50, 0, 120, 140, 60, 70, 80, 90, 110],
  '2022-11': [500, 400, 1900, 50, 10, 130, 150, 60, 75, 85, 95, 105],
  '2022-12': [650, 380, 120, 40, 15, 140, 160, 65, 70, 90, 100, 115],
}

function countsOf(perAgency: number[]): PeriodCounts {
  const counts = emptyPeriodCounts()
  perAgency.forEach((downloads, i) => {
    const c = { ...ZERO_COUNTS, downloads, uniqueDownloads: Math.floor(downloads * 0.6), machineDownloads: i }
    counts.agencies.set(`agency-${i + 1}`, c)
    counts.datasets.set(`dataset-${i + 1}-1`, { ...c, agencyId: `agency-${i + 1}` })
  })
  return counts
}

const SUBSCRIBERS = [
  { id: 'n', email: 'director@dga.or.th', scope: 'national', attachPdf: false },
  { id: 'a1', email: 'chief@agency-1.go.th', scope: 'agency-1', attachPdf: false },
  { id: 'a3', email: 'chief@agency-3.go.th', scope: 'agency-3', attachPdf: true },
  { id: 'a5', email: 'chief@agency-5.go.th', scope: 'agency-5', attachPdf: false },
]

const n = (value: number) => new Intl.NumberFormat('en-GB').format(value)
let smtp: TestSmtpServer
let restoreEnv: () => void

beforeAll(async () => {
  await storeCatalog(buildCatalog(12, 1))
  for (const [month, downloads] of Object.entries(MONTHS))
    await replacePeriodCounts({ month }, countsOf(downloads))
  for (const s of SUBSCRIBERS) {
    await createSubscription({ ...s, locale: 'en', createdBy: 'dga-1', createdAt: '2022-08-01T00:00:00Z' })
  }
  smtp = await startSmtpServer()
  restoreEnv = setEnv({ SMTP_URL: smtp.url })
})

afterAll(async () => {
  restoreEnv()
  await smtp.close()
})

/** The lines of each subscriber's plain-text email of a month, by subscriber id. */
async function emailsOf(month: string, version: number) {
  const before = smtp.messages.length
  expect(await sendReportEmails({ month, version }, { log: () => {} })).toMatchObject({ sent: 4, failed: 0 })
  const received = smtp.messages.slice(before)
  return new Map(
    SUBSCRIBERS.map((s) => {
      const raw = received.find((m) => m.to.includes(s.email))?.raw ?? ''
      const message = parseMessage(raw)
      return [s.id, { lines: partOf(message, 'text/plain').split(/\r?\n/), message }]
    }),
  )
}

/** The value after "label: " on the email's line that starts with the label. */
const figureOn = (lines: string[], label: string | RegExp) => {
  const line = lines.find((l) => (typeof label === 'string' ? l.startsWith(`${label}: `) : label.test(l)))
  expect(line, `a line for ${label}`).toBeDefined()
  return (line as string).slice((line as string).indexOf(': ') + 2)
}

describe.each(['2022-09', '2022-10', '2022-11', '2022-12'])('the emails of %s', (month) => {
  let doc: ReportDocument
  let emails: Awaited<ReturnType<typeof emailsOf>>

  beforeAll(async () => {
    const { entry } = await generateMonthlyReport(month)
    doc = JSON.parse(String(await getReportFile(reportKey(month, entry.version, 'report.json'))))
    emails = await emailsOf(month, entry.version)
  })

  it('national: every figure is the report’s', () => {
    const { lines } = emails.get('n') as { lines: string[] }
    expect(figureOn(lines, 'Downloads this month')).toBe(n(doc.totals.month.downloads))
    expect(figureOn(lines, 'Unique downloads')).toBe(n(doc.totals.month.uniqueDownloads))
    expect(figureOn(lines, 'Machine downloads')).toBe(n(doc.totals.month.machineDownloads))
    expect(figureOn(lines, /^Downloads so far in FY/)).toBe(n(doc.totals.fiscalYearToDate.downloads))
    const previous = doc.totals.previousMonth?.downloads as number
    const change = Math.round(((doc.totals.month.downloads - previous) / previous) * 1000) / 10
    expect(figureOn(lines, 'Change since the previous month')).toBe(
      `${change > 0 ? '+' : change < 0 ? '−' : '±'}${Math.abs(change).toFixed(1)}%`,
    )
    for (const a of doc.agencies.month.slice(0, 5)) {
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^${a.rank}\\. ${a.name.en}: ${n(a.downloads)} \\(`)),
      )
    }
  })

  it.each(['a1', 'a3', 'a5'])('agency (%s): every figure is the report’s', (id) => {
    const { lines } = emails.get(id) as { lines: string[] }
    const agencyId = SUBSCRIBERS.find((s) => s.id === id)?.scope as string
    const row = doc.agencies.month.find((a) => a.agencyId === agencyId)
    const target = doc.targets.find((t) => t.agencyId === agencyId)
    if (!row || !target) throw new Error(`the report of ${month} has no row for ${agencyId}`)
    expect(figureOn(lines, 'Downloads this month')).toBe(n(row.downloads))
    expect(figureOn(lines, /^Rank this month/)).toMatch(new RegExp(`^${row.rank} \\(`))
    expect(figureOn(lines, /^Rank this month/)).toBeDefined()
    expect(lines.find((l) => l.startsWith('Rank this month'))).toContain(
      `of ${doc.agencies.month.length} agencies`,
    )
    expect(figureOn(lines, /^Downloads so far in FY/)).toBe(n(target.downloads))
    expect(figureOn(lines, /^Rank in FY .* so far/)).toMatch(new RegExp(`^${target.rank} \\(`))
    expect(figureOn(lines, 'Target')).toMatch(new RegExp(`^${n(target.target)} \\(`))
    const percent = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    expect(figureOn(lines, 'Share of target')).toBe(`${percent.format(target.targetPercent)}%`)
    expect(figureOn(lines, 'Projection to fiscal year end')).toBe(n(target.projection))
    const gap = figureOn(lines, 'Short of the award cut-off')
    if (target.gapToCutoff === null) expect(gap).toBe('no award cut-off')
    else if (target.gapToCutoff === 0) expect(gap).toBe('at or above the award cut-off')
    else expect(gap).toBe(n(target.gapToCutoff))
    const needed = figureOn(lines, 'Needed per remaining month')
    if (target.neededPerMonth === null) expect(needed).toBe('target missed')
    else if (target.neededPerMonth === 0) expect(needed).toBe('target reached')
    else expect(needed).toBe(n(target.neededPerMonth))
    // The verdict agrees with the report's award standing.
    const verdict = lines.find((l) => l.startsWith('At the end of this month'))
    expect(verdict).toContain(
      target.awarded ? 'is within the award places' : 'is not within the award places',
    )
    // The outlook in the dashboard's words, from the report's own outlook.
    expect(figureOn(lines, 'Award outlook')).toBe(outlookSentence(target, 'en'))
    expect(figureOn(lines, 'Award outlook')).toContain(OUTLOOK_STATUS[target.outlook?.status ?? 'behind'].en)
  })

  it('attaches the agency’s own PDF of this version to the reader who asked for it, and only to them', async () => {
    const pdf = await getReportFile(reportKey(month, 1, 'agencies/agency-3.pdf'))
    const attached = emails.get('a3')?.message.parts.find((p) => p.contentType === 'application/pdf')
    expect(attached?.filename).toBe(`ogd-rankings-${month}-v1-agencies-agency-3.pdf`)
    expect(attached?.bytes.equals(pdf as Buffer)).toBe(true)
    expect(emails.get('a1')?.message.parts.some((p) => p.contentType === 'application/pdf')).toBe(false)
    // Every email links its scope's PDF of this version, to open after signing in.
    expect(figureOn(emails.get('a1')?.lines ?? [], 'Open the PDF report')).toBe(
      `https://rankings.example.go.th/#/reports/${month}/1/agencies/agency-1.pdf`,
    )
  })
})
