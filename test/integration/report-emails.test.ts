import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import { runCli } from '../../functions/cli/main.js'
import { clock } from '../../functions/clock.js'
import { resetConfig } from '../../functions/config.js'
import { sendReportEmails } from '../../functions/email/send-report-emails.js'
import { monthlyHandler } from '../../functions/jobs/monthly-lambda.js'
import { generateMonthlyReport } from '../../functions/reports/generate.js'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import { claimDelivery } from '../../functions/store/deliveries.js'
import { getReportFile, putReportFile, reportKey } from '../../functions/store/reports.js'
import { getSubscription, listSubscriptions } from '../../functions/store/subscriptions.js'
import type { DeliveriesResponse, SubscriptionResponse } from '../../shared/api.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import {
  emptyPeriodCounts,
  type PeriodCounts,
  type SubjectCounts,
} from '../../shared/counting/period-counts.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { bearer, getJson } from '../fixtures/http.js'
import { parseMessage, partOf } from '../support/mime.js'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js'

const apiApp = createApiApp()

const count = (downloads: number): SubjectCounts => ({
  ...ZERO_COUNTS,
  downloads,
  uniqueDownloads: Math.floor(downloads / 2),
  machineDownloads: Math.floor(downloads / 10),
})

function counts(perAgency: Record<number, number>): PeriodCounts {
  const map: PeriodCounts = emptyPeriodCounts()
  for (const [a, downloads] of Object.entries(perAgency)) {
    map.agencies.set(`agency-${a}`, count(downloads))
    map.datasets.set(`dataset-${a}-1`, { ...count(downloads), agencyId: `agency-${a}` })
  }
  return map
}

async function subscribe(body: { email: string; locale: 'th' | 'en'; scope: string }) {
  const res = await apiApp.request('/v1/subscriptions', {
    method: 'POST',
    headers: { ...(await bearer('dga_admin')), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as SubscriptionResponse
}

const deliveries = async (month: string) =>
  (await getJson<DeliveriesResponse>(`/v1/subscriptions/deliveries?month=${month}`)).body

/** The path and query of a link of the email, to ask the app directly. */
const pathOf = (url: string) => {
  const u = new URL(url)
  return `${u.pathname}${u.search}`
}

let smtp: TestSmtpServer
const subs: Record<string, SubscriptionResponse> = {}

beforeAll(async () => {
  await storeCatalog(buildCatalog(6, 1))
  // October and November 2022 (fiscal year 2566): agency-1 climbs from 3rd to 1st.
  await replacePeriodCounts({ month: '2022-10' }, counts({ 1: 100, 2: 300, 3: 200, 4: 50 }))
  await replacePeriodCounts({ month: '2022-11' }, counts({ 1: 500, 2: 400, 3: 100, 4: 50, 5: 10 }))
  await replacePeriodCounts({ fy: 2566 }, counts({ 1: 600, 2: 700, 3: 300, 4: 100, 5: 10 }))
  // The emails state their report's figures: the reports exist first (November's restated as versions 2 to 4,
  // with the same figures, for the tests of re-sending).
  await generateMonthlyReport('2022-10')
  await generateMonthlyReport('2022-11')
  const json = await getReportFile(reportKey('2022-11', 1, 'report.json'))
  const pdf = await getReportFile(reportKey('2022-11', 1, 'report.pdf'))
  for (const version of [2, 3, 4]) {
    await putReportFile(reportKey('2022-11', version, 'report.json'), json as Buffer, 'application/json')
    await putReportFile(reportKey('2022-11', version, 'report.pdf'), pdf as Buffer, 'application/pdf')
  }
  smtp = await startSmtpServer()
  process.env.SMTP_URL = smtp.url
  process.env.MAIL_FROM = 'OGD Rankings <reports@rankings.example.go.th>'
  resetConfig()
  subs.national = await subscribe({ email: 'director@dga.or.th', locale: 'th', scope: 'national' })
  subs.agency1 = await subscribe({ email: 'Chief@Agency-1.go.th', locale: 'en', scope: 'agency-1' })
  subs.agency2 = await subscribe({ email: 'chief@agency-2.go.th', locale: 'th', scope: 'agency-2' })
})

afterAll(async () => {
  delete process.env.SMTP_URL
  delete process.env.MAIL_FROM
  resetConfig()
  await smtp.close()
})

const quiet = { log: () => {} }
const messageTo = (address: string) => {
  const received = smtp.messages.filter((m) => m.to.includes(address))
  expect(received).toHaveLength(1)
  return { envelope: received[0], message: parseMessage(received[0]?.raw ?? '') }
}

describe('sendReportEmails through a real SMTP server', () => {
  it('sends each subscriber one email with both parts, the figures of its scope and the unsubscribe headers', async () => {
    expect(await sendReportEmails({ month: '2022-11', version: 1 }, quiet)).toEqual({
      sent: 3,
      skipped: 0,
      failed: 0,
    })
    expect(smtp.messages).toHaveLength(3)

    const { envelope, message } = messageTo('Chief@agency-1.go.th')
    expect(envelope?.from).toBe('reports@rankings.example.go.th')
    expect(message.headers.get('to')).toBe('Chief@agency-1.go.th')
    expect(message.headers.get('subject')).toBe('Open data downloads November 2022: Test agency 1')
    const text = partOf(message, 'text/plain')
    expect(text).toContain('Downloads this month: 500')
    expect(text).toContain('Rank this month (of 6 agencies): 1 (up 2)')
    expect(text).toContain('Downloads so far in FY 2023 (Oct 2022 – Sep 2023): 600')
    expect(text).toContain('https://rankings.example.go.th/#/agency/agency-1')
    expect(text).toContain('https://rankings.example.go.th/#/reports')
    const html = partOf(message, 'text/html')
    expect(html).toContain('Test agency 1')
    expect(html).toContain('href="https://rankings.example.go.th/#/reports"')
    const unsubscribe = message.headers.get('list-unsubscribe') ?? ''
    expect(unsubscribe).toMatch(
      /^<https:\/\/rankings\.example\.go\.th\/v1\/subscriptions\/unsubscribe\?token=sub-/,
    )
    expect(message.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(text).toContain(unsubscribe.slice(1, -1))

    const national = messageTo('director@dga.or.th').message
    expect(national.headers.get('subject')).toBe('สรุปการดาวน์โหลดข้อมูลเปิดภาครัฐ พฤศจิกายน 2565: ภาพรวมทั้งประเทศ')
    const thai = partOf(national, 'text/plain')
    expect(thai).toContain('ดาวน์โหลดในเดือนนี้: 1,060')
    expect(thai).toContain('เทียบกับเดือนก่อน: +63.1%')
    expect(thai).toContain('ดาวน์โหลดสะสม ปีงบประมาณ 2566: 1,710')
    expect(thai).toContain('1. หน่วยงานทดสอบ 1: 500 (ขึ้น 2 อันดับ)')
    // Agency 5 had no downloads in October: a tie at zero is no rank to compare with, so it is new.
    expect(thai).toContain('5. หน่วยงานทดสอบ 5: 10 (ใหม่)')
  })

  it('records every delivery, visible to DGA', async () => {
    const log = await deliveries('2022-11')
    expect(log.totals).toEqual({ sending: 0, sent: 3, failed: 0 })
    expect(log.items.map((d) => [d.subscriptionId, d.version, d.status, d.attempts]).sort()).toEqual(
      [subs.national, subs.agency1, subs.agency2].map((s) => [s?.id, 1, 'sent', 1]).sort(),
    )
    expect(log.items.every((d) => d.messageId?.startsWith('<report-2022-11-v1-sub-'))).toBe(true)
  })

  it('sends nothing more when the same report is sent again', async () => {
    expect(await sendReportEmails({ month: '2022-11', version: 1 }, quiet)).toEqual({
      sent: 0,
      skipped: 3,
      failed: 0,
    })
    expect(smtp.messages).toHaveLength(3)
  })

  it('unsubscribes through the link of the email, without signing in, and stops the next sending', async () => {
    const link = messageTo('chief@agency-2.go.th').message.headers.get('list-unsubscribe')?.slice(1, -1) ?? ''
    const page = await apiApp.request(pathOf(link))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const html = await page.text()
    expect(html).toContain('<form method="post"')
    expect(html).toContain('chief@agency-2.go.th')
    expect(await getSubscription(subs.agency2?.id ?? '')).toBeDefined() // a GET (a link scanner) changes nothing

    for (let i = 0; i < 2; i++) {
      // RFC 8058's one-click POST, twice: the second finds nothing left to do and says so just as kindly.
      const res = await apiApp.request(pathOf(link), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      })
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('ยกเลิกแล้ว')
    }
    expect(await getSubscription(subs.agency2?.id ?? '')).toBeUndefined()

    smtp.messages.length = 0
    expect(await sendReportEmails({ month: '2022-11', version: 2 }, quiet)).toEqual({
      sent: 2,
      skipped: 0,
      failed: 0,
    })
    expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual(['Chief@agency-1.go.th', 'director@dga.or.th'])
    expect(messageTo('director@dga.or.th').message.headers.get('subject')).toContain('ฉบับปรับปรุง ครั้งที่ 2')
  })

  it('records a recipient the server rejects as failed, sends the others, and retries it on the next run', async () => {
    const rejected = await subscribe({ email: 'full@agency-3.go.th', locale: 'en', scope: 'agency-3' })
    smtp.messages.length = 0
    smtp.rejecting.add('full@agency-3.go.th')
    expect(await sendReportEmails({ month: '2022-11', version: 3 }, quiet)).toEqual({
      sent: 2,
      skipped: 0,
      failed: 1,
    })
    const failed = (await deliveries('2022-11')).items.find((d) => d.subscriptionId === rejected.id)
    expect(failed).toMatchObject({ version: 3, status: 'failed', attempts: 1 })
    expect(failed?.error).toContain('550')

    smtp.rejecting.clear()
    expect(await sendReportEmails({ month: '2022-11', version: 3 }, quiet)).toEqual({
      sent: 1,
      skipped: 2,
      failed: 0,
    })
    expect(smtp.messages.filter((m) => m.to.includes('full@agency-3.go.th'))).toHaveLength(1)
    const retried = (await deliveries('2022-11')).items.find(
      (d) => d.subscriptionId === rejected.id && d.version === 3,
    )
    expect(retried).toMatchObject({ status: 'sent', attempts: 2 })
    expect(retried?.error).toBeUndefined()
  })

  it('leaves a fresh claim of another run alone, and takes over one left for longer than the stale limit', async () => {
    const subscription = await getSubscription(subs.national?.id ?? '')
    if (!subscription) throw new Error('the national subscription is missing')
    const key = { month: '2022-11', version: 4, subscriptionId: subscription.id }
    const now = clock.now()
    expect(await claimDelivery(key, subscription, 'crashed-run', now - 60_000, now - 300_000)).toBe(true)
    smtp.messages.length = 0
    const fresh = await sendReportEmails(
      { month: '2022-11', version: 4 },
      { ...quiet, staleClaimMs: 300_000 },
    )
    expect(fresh).toEqual({ sent: 2, skipped: 1, failed: 0 })
    expect(smtp.messages.some((m) => m.to.includes('director@dga.or.th'))).toBe(false)

    const stale = await sendReportEmails({ month: '2022-11', version: 4 }, { ...quiet, staleClaimMs: 30_000 })
    expect(stale).toEqual({ sent: 1, skipped: 2, failed: 0 })
    expect(smtp.messages.filter((m) => m.to.includes('director@dga.or.th'))).toHaveLength(1)
  })

  it('refuses a malformed month or version', async () => {
    await expect(sendReportEmails({ month: '2022-13', version: 1 }, quiet)).rejects.toThrow('month')
    await expect(sendReportEmails({ month: '2022-11', version: 0 }, quiet)).rejects.toThrow('version')
  })
})

describe('without SMTP_URL', () => {
  it('writes the emails as .eml files to the outbox in the data directory, and the CLI re-sends nothing twice', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ogd-outbox-'))
    const out: string[] = []
    vi.spyOn(console, 'log').mockImplementation((m) => void out.push(String(m)))
    vi.spyOn(console, 'error').mockImplementation((m) => void out.push(String(m)))
    delete process.env.SMTP_URL
    const saved = process.env.DATA_DIR
    try {
      expect(await runCli(['send-report-emails', '--month', '2022-10', '--data-dir', dataDir])).toBe(0)
      const files = (await readdir(join(dataDir, 'outbox'))).sort()
      expect(files).toHaveLength(3)
      expect(
        files.every((f) => /^report-2022-10-v1-sub-[0-9a-f]+_rankings\.example\.go\.th\.eml$/.test(f)),
      ).toBe(true)
      const message = parseMessage(await readFile(join(dataDir, 'outbox', files[0] as string), 'utf8'))
      expect(message.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
      expect(partOf(message, 'text/plain')).toContain('2022')
      expect(partOf(message, 'text/html')).toContain('<table')

      expect(await runCli(['send-report-emails', '--month', '2022-10', '--data-dir', dataDir])).toBe(0)
      expect(await readdir(join(dataDir, 'outbox'))).toHaveLength(3)
      expect(out.join('\n')).toContain('0 sent, 3 skipped, 0 failed')
    } finally {
      process.env.SMTP_URL = smtp.url
      if (saved === undefined) delete process.env.DATA_DIR
      else process.env.DATA_DIR = saved
      resetConfig()
      vi.restoreAllMocks()
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it.each([
    [['send-report-emails'], '--month must be YYYY-MM'],
    [['send-report-emails', '--month', '2022-13'], '--month must be YYYY-MM'],
    [['send-report-emails', '--month', '2999-01'], 'is not over yet'],
    [['send-report-emails', '--month', '2022-11', '--version', '0'], '--version must be'],
    [['send-report-emails', '--month', '2022-11', '--version', 'two'], '--version must be'],
  ])('the CLI exits 2 for %j naming the problem', async (argv, words) => {
    const out: string[] = []
    vi.spyOn(console, 'error').mockImplementation((m) => void out.push(String(m)))
    vi.spyOn(console, 'log').mockImplementation((m) => void out.push(String(m)))
    try {
      expect(await runCli(argv)).toBe(2)
      expect(out.join('\n')).toContain(words)
    } finally {
      vi.restoreAllMocks()
    }
  })
})

describe('the report job', () => {
  it('sends the emails of the report it makes, and a second run sends nothing more', async () => {
    process.env.MAIL_TRANSPORT = 'smtp'
    resetConfig()
    vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      const active = (await listSubscriptions()).length
      expect(active).toBeGreaterThan(0)
      const before = smtp.messages.length
      const first = await monthlyHandler({ month: '2022-12', steps: ['report', 'emails'] })
      expect(first.steps.map((s) => s.result)).toMatchObject([
        { version: 1, created: true },
        { version: 1, sent: active, failed: 0 },
      ])
      const subjects = smtp.messages.slice(before).map((m) => parseMessage(m.raw).headers.get('subject'))
      expect(subjects).toHaveLength(active)
      expect(subjects.every((s) => /December 2022|ธันวาคม 2565/.test(s ?? ''))).toBe(true)

      const again = await monthlyHandler({ month: '2022-12', steps: ['report', 'emails'] })
      expect(again.steps.map((s) => s.result)).toMatchObject([
        { version: 1, created: false },
        { version: 1, sent: 0, skipped: active },
      ])
      expect(smtp.messages).toHaveLength(before + active)

      // A report DGA asked for (POST /v1/reports on AWS starts the job with its report step only) mails nobody.
      const onDemand = await monthlyHandler({ month: '2022-09', steps: ['report'], requestedBy: 'dga-1' })
      expect(onDemand.steps.map((s) => [s.name, s.result?.created])).toEqual([['report', true]])
      expect(smtp.messages).toHaveLength(before + active)
    } finally {
      delete process.env.MAIL_TRANSPORT
      resetConfig()
      vi.restoreAllMocks()
    }
  })
})
