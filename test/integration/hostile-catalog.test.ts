import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import { syncCatalog } from '../../functions/catalog/sync.js'
import { clock } from '../../functions/clock.js'
import { sendReportEmails } from '../../functions/email/send-report-emails.js'
import { createIngestApp } from '../../functions/ingest/app.js'
import { recomputeMonth } from '../../functions/jobs/rollup.js'
import { generateMonthlyReport } from '../../functions/reports/generate.js'
import { getReportFile, reportKey } from '../../functions/store/reports.js'
import { addMonths, bangkokMonth } from '../../shared/time.js'
import { buildCkanPortal } from '../fixtures/ckan.js'
import { BROWSER_UA, bearer, INGEST_KEY } from '../fixtures/http.js'
import { type CkanServer, startCkanServer } from '../support/ckan-server.js'
import { setEnv } from '../support/env.js'
import { parseMessage, partOf } from '../support/mime.js'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js'

const apiApp = createApiApp()
const ingestApp = createIngestApp()

// A portal is other people's data: every kind of text that has hurt a product somewhere, in one catalog.
const portal = buildCkanPortal(2, 4)
const [org] = portal.organizations
const [formula, markup, huge, urls] = portal.packages
if (!org || !formula || !markup || !huge || !urls) throw new Error('the fixture portal is too small')
org.title = 'กรมทดสอบ\r\nBcc: everyone@example.go.th\u202E'
formula.title = '=HYPERLINK("https://evil.example","คลิก")'
markup.title = '<script>alert(1)</script><img src=x onerror=alert(2)>\u200B'
huge.title = `ชุดข้อมูลยาว ${'ข'.repeat(70_000)}`
const thaiFile = urls.resources[0]
if (!thaiFile) throw new Error('the fixture packages have no resources')
thaiFile.url = 'https://data.example.go.th/download/ข้อมูลประชากร ปี 2566.csv'
const script = { ...thaiFile, id: `${thaiFile.id}-script`, url: 'javascript:alert(document.cookie)' }
urls.resources.push(script)

const month = addMonths(bangkokMonth(clock.now()), -1)
let ckan: CkanServer
let smtp: TestSmtpServer
let restoreEnv: () => void

beforeAll(async () => {
  ckan = await startCkanServer(portal)
  smtp = await startSmtpServer()
  restoreEnv = setEnv({ SMTP_URL: smtp.url })
})
afterAll(async () => {
  restoreEnv()
  await Promise.all([ckan.close(), smtp.close()])
})

describe('a hostile catalog through sync, ingest, reports and emails', () => {
  it('syncs it, keeping each text as one bounded line and the unsafe URL inactive', async () => {
    const result = await syncCatalog(ckan.url)
    expect(result.ok).toBe(true)
    expect(result.badUrls).toEqual([
      { resourceId: script.id, datasetId: urls.id, reason: 'not an absolute http(s) URL' },
    ])
  })

  it('records downloads of every dataset, redirects the Thai file name and refuses the javascript: URL', async () => {
    const thai = await ingestApp.request(`/d/${thaiFile.id}`, { headers: { 'user-agent': BROWSER_UA } })
    expect(thai.status).toBe(302)
    expect(thai.headers.get('location')).toBe(new URL(thaiFile.url).href)
    expect((await ingestApp.request(`/d/${script.id}`)).status).toBe(404)
    // Last month's downloads of each package's first active resource, from distinct clients.
    const start = Date.parse(`${month}-10T10:00:00+07:00`)
    const events = portal.packages.flatMap((p, i) =>
      p.resources
        .filter((r) => r.id !== script.id)
        .slice(0, 1)
        .map((r) => ({
          eventId: `hostile-${i}`,
          resourceId: r.id,
          occurredAt: new Date(start + i * 60_000).toISOString(),
          clientIp: `2001:db8::${i + 1}`,
          userAgent: BROWSER_UA,
        })),
    )
    const res = await ingestApp.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': INGEST_KEY },
      body: JSON.stringify({ events }),
    })
    expect(await res.json()).toMatchObject({ accepted: events.length, rejected: [] })
    await recomputeMonth(month)
  })

  it('renders reports whose cells are inert and bounded', async () => {
    const { entry } = await generateMonthlyReport(month)
    const file = async (name: string) =>
      (await getReportFile(reportKey(month, entry.version, name))) as Buffer
    const datasets = String(await file('datasets.csv'))
    // A formula is text with a leading quote; markup is text; no cell holds the 70,000 characters.
    expect(datasets).toContain(`"'=HYPERLINK(""https://evil.example"",""คลิก"")"`)
    expect(datasets).toContain('<script>alert(1)</script><img src=x onerror=alert(2)>')
    expect(datasets).not.toMatch(/[\u200b\u202e]/)
    for (const line of datasets.split('\r\n')) expect(line.length).toBeLessThan(4_000)
    const agencies = String(await file('agencies.csv'))
    expect(agencies).toContain('กรมทดสอบ Bcc: everyone@example.go.th')
    expect(agencies).not.toMatch(/กรมทดสอบ\r?\n/)

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await file('report.xlsx')) as unknown as ArrayBuffer)
    const cells: ExcelJS.Cell[] = []
    workbook.eachSheet((sheet) => {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(cell)
        })
      })
    })
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false)
    expect(cells.some((c) => String(c.value).includes('=HYPERLINK'))).toBe(true)
    expect(Math.max(...cells.map((c) => String(c.value ?? '').length))).toBeLessThanOrEqual(32_767)
    // A PDF of an ordinary size: one record cannot blow up a document.
    expect((await file('report.pdf')).length).toBeLessThan(2_000_000)
  })

  it('sends emails with a one-line subject and escaped markup', async () => {
    const subscribe = async (scope: string, email: string) => {
      const res = await apiApp.request('/v1/subscriptions', {
        method: 'POST',
        headers: { ...(await bearer('dga_admin')), 'content-type': 'application/json' },
        body: JSON.stringify({ email, locale: 'th', scope }),
      })
      expect(res.status).toBe(201)
    }
    await subscribe(org.id, 'chief@agency.example.go.th')
    await subscribe('national', 'director@dga.example.go.th')
    const { entry } = await generateMonthlyReport(month)
    expect(await sendReportEmails({ month, version: entry.version }, { log: () => {} })).toMatchObject({
      sent: 2,
      failed: 0,
    })
    expect(smtp.messages.every((m) => !m.to.some((to) => to.includes('everyone@')))).toBe(true)
    const agencyEmail = parseMessage(
      smtp.messages.find((m) => m.to.includes('chief@agency.example.go.th'))?.raw ?? '',
    )
    expect(agencyEmail.headers.get('subject')).toContain('กรมทดสอบ Bcc: everyone@example.go.th')
    expect(agencyEmail.headers.get('bcc')).toBeUndefined()
    for (const message of smtp.messages.map((m) => parseMessage(m.raw))) {
      const html = partOf(message, 'text/html')
      expect(html).not.toContain('<script>')
      expect(html.length).toBeLessThan(200_000)
    }
  })
})
