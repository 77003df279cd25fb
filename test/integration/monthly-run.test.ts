import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { clock } from '../../functions/clock.js'
import { recordDownloads } from '../../functions/ingest/record.js'
import { MonthlyRunError, runMonthly } from '../../functions/jobs/monthly.js'
import { getPeriodCounts } from '../../functions/store/counts.js'
import { listReportEntries } from '../../functions/store/reports.js'
import { listRuns } from '../../functions/store/runs.js'
import { createSubscription } from '../../functions/store/subscriptions.js'
import type { RunsResponse } from '../../shared/api.js'
import { addMonths, bangkokMonth, monthRange } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA, getJson } from '../fixtures/http.js'
import { withEnv } from '../support/env.js'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js'

/** A TCP port nothing listens on: a server that is down. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

const lastMonth = addMonths(bangkokMonth(clock.now()), -1)
const twoMonthsAgo = addMonths(lastMonth, -1)
let smtp: TestSmtpServer

/** Downloads in the middle of `month`, as raw events (the recount counts them from there). */
async function downloadsIn(month: string, n: number) {
  const mid = monthRange(month).start + 14 * 86_400_000
  const events = Array.from({ length: n }, (_, i) => ({
    resourceId: `resource-${(i % 2) + 1}-1`,
    eventId: `${month}-${i}`,
    occurredAt: new Date(mid + i * 3_600_000).toISOString(),
    clientIp: `192.0.2.${i + 1}`,
    userAgent: BROWSER_UA,
  }))
  expect(await recordDownloads(events, { ip: '198.51.100.1', userAgent: '' })).toMatchObject({ accepted: n })
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {})
  vi.spyOn(console, 'error').mockImplementation(() => {})
  await storeCatalog(buildCatalog(2, 1))
  await downloadsIn(lastMonth, 6)
  await downloadsIn(twoMonthsAgo, 4)
  for (const [i, scope] of ['national', 'agency-1'].entries()) {
    await createSubscription({
      id: `sub-${i}`,
      email: `reader-${i}@example.go.th`,
      locale: 'th',
      scope,
      // The agency's reader wants the PDF attached.
      attachPdf: scope !== 'national',
      createdBy: 'dga-1',
      createdAt: clock.iso(),
    })
  }
  smtp = await startSmtpServer()
})

afterAll(async () => {
  vi.restoreAllMocks()
  await smtp.close()
})

const runsOf = async (month: string) => (await listRuns()).filter((r) => r.month === month)

describe('the monthly run', () => {
  it('stops at a failed email step (SMTP down), records it, and a retry sends what is left', async () => {
    const down = `smtp://127.0.0.1:${await closedPort()}`
    const failed = await withEnv({ MAIL_TRANSPORT: 'smtp', SMTP_URL: down }, () =>
      runMonthly(lastMonth, { trigger: 'schedule' }).catch((err: unknown) => err),
    )
    expect(failed).toBeInstanceOf(MonthlyRunError)
    const [recorded] = await runsOf(lastMonth)
    expect(recorded).toMatchObject({ status: 'failed', trigger: 'schedule' })
    expect(recorded?.steps.map((s) => [s.name, s.status])).toEqual([
      ['recount', 'succeeded'],
      ['report', 'succeeded'],
      ['emails', 'failed'],
    ])
    expect(recorded?.error).toMatch(/^emails: 2 report emails failed/)
    // The recount and the report happened: the month's counts and its first version are there.
    expect((await getPeriodCounts({ month: lastMonth })).agencies.get('agency-1')?.downloads).toBe(3)
    expect((await listReportEntries(lastMonth)).map((e) => e.version)).toEqual([1])
    // DGA is told: the month's run failed.
    const { body } = await getJson<RunsResponse>('/v1/runs')
    expect(body.alert).toMatchObject({ kind: 'failed', month: lastMonth, run: { runId: recorded?.runId } })

    // The retry (the schedule's, or Lambda's): same report, the emails go out, the run succeeds.
    const retried = await withEnv({ MAIL_TRANSPORT: 'smtp', SMTP_URL: smtp.url }, () =>
      runMonthly(lastMonth, { trigger: 'schedule' }),
    )
    expect(retried.status).toBe('succeeded')
    expect(retried.steps.map((s) => s.result)).toMatchObject([
      { agencies: 2 },
      { version: 1, created: false },
      { version: 1, sent: 2, failed: 0 },
    ])
    expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual([
      'reader-0@example.go.th',
      'reader-1@example.go.th',
    ])
    const history = await runsOf(lastMonth)
    expect(history.map((r) => r.status)).toEqual(['succeeded', 'failed']) // newest first
    expect((await getJson<RunsResponse>('/v1/runs')).body.alert).toBeNull()
  })

  it('stops at a failed report step (S3 down): no emails are attempted', async () => {
    const before = smtp.messages.length
    const down = `http://127.0.0.1:${await closedPort()}`
    const failed = await withEnv({ S3_ENDPOINT: down, MAIL_TRANSPORT: 'smtp', SMTP_URL: smtp.url }, () =>
      runMonthly(twoMonthsAgo, { trigger: 'cli' }).catch((err: unknown) => err as MonthlyRunError),
    )
    expect(failed).toBeInstanceOf(MonthlyRunError)
    expect((failed as MonthlyRunError).step).toBe('report')
    const [recorded] = await runsOf(twoMonthsAgo)
    expect(recorded?.steps.map((s) => [s.name, s.status])).toEqual([
      ['recount', 'succeeded'],
      ['report', 'failed'],
    ])
    expect(recorded?.finishedAt).toBeDefined()
    expect(smtp.messages).toHaveLength(before)
    expect(await listReportEntries(twoMonthsAgo)).toEqual([])

    // S3 is back: the retry makes the report and sends its emails.
    const retried = await withEnv({ MAIL_TRANSPORT: 'smtp', SMTP_URL: smtp.url }, () =>
      runMonthly(twoMonthsAgo, { trigger: 'cli' }),
    )
    expect(retried.steps.map((s) => [s.name, s.status])).toEqual([
      ['recount', 'succeeded'],
      ['report', 'succeeded'],
      ['emails', 'succeeded'],
    ])
    expect(smtp.messages).toHaveLength(before + 2)
  })

  it('refuses to send emails that would link to a dashboard nobody configured', async () => {
    const failed = await withEnv({ MAIL_TRANSPORT: 'smtp', SMTP_URL: smtp.url, DASHBOARD_URL: '' }, () =>
      runMonthly(lastMonth, { trigger: 'cli', steps: ['emails'] }).catch((err: unknown) => err as Error),
    )
    expect((failed as Error).message).toMatch(/DASHBOARD_URL is not set/)
  })
})
