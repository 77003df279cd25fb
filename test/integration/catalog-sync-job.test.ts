import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import { resetJobsClient } from '../../functions/aws/jobs.js'
import { resetConfig } from '../../functions/config.js'
import { listAudit } from '../../functions/store/audit.js'
import { bearer } from '../fixtures/http.js'

const apiApp = createApiApp()

/** A local HTTP server that answers Lambda's Invoke API as Lambda does for an asynchronous invocation. */
const invocations: { path: string; type: string | undefined; body: string }[] = []
const lambda = createServer((req: IncomingMessage, res) => {
  let body = ''
  req.on('data', (d) => {
    body += d
  })
  req.on('end', () => {
    invocations.push({ path: req.url ?? '', type: req.headers['x-amz-invocation-type'] as string, body })
    res.statusCode = 202
    res.end()
  })
})

beforeAll(async () => {
  await new Promise<void>((r) => lambda.listen(0, '127.0.0.1', () => r()))
  process.env.CATALOG_SYNC_FUNCTION = 'ogd-catalog-sync'
  process.env.REPORT_FUNCTION = 'ogd-report'
  process.env.LAMBDA_ENDPOINT = `http://127.0.0.1:${(lambda.address() as AddressInfo).port}`
  resetConfig()
  resetJobsClient()
})

afterAll(async () => {
  delete process.env.CATALOG_SYNC_FUNCTION
  delete process.env.REPORT_FUNCTION
  delete process.env.LAMBDA_ENDPOINT
  resetConfig()
  resetJobsClient()
  await new Promise((r) => lambda.close(r))
})

describe('POST /v1/catalog/sync on AWS (a sync function is configured)', () => {
  it('starts the sync function asynchronously and answers 202, audited', async () => {
    const res = await apiApp.request('/v1/catalog/sync', {
      method: 'POST',
      headers: await bearer('dga_admin'),
    })
    expect(res.status).toBe(202)
    expect(await res.json()).toMatchObject({ status: 'started' })
    expect(invocations).toHaveLength(1)
    expect(invocations[0]?.path).toBe('/2015-03-31/functions/ogd-catalog-sync/invocations')
    expect(invocations[0]?.type).toBe('Event')
    expect(JSON.parse(invocations[0]?.body ?? '{}')).toEqual({ requestedBy: 'dev-dga_admin' })
    expect((await listAudit(5)).map((a) => a.action)).toContain('catalog.sync.started')
  })

  it('is still DGA only', async () => {
    const res = await apiApp.request('/v1/catalog/sync', {
      method: 'POST',
      headers: await bearer('agency_exec', ['agency-1']),
    })
    expect(res.status).toBe(403)
    expect(invocations).toHaveLength(1)
  })
})

describe('POST /v1/reports/:month on AWS (a report function is configured)', () => {
  it('starts the monthly function for its report step only (no recount, no emails), answers 202, audited', async () => {
    const before = invocations.length
    const res = await apiApp.request('/v1/reports/2022-11', {
      method: 'POST',
      headers: await bearer('dga_admin'),
    })
    expect(res.status).toBe(202)
    expect(await res.json()).toMatchObject({ status: 'started', month: '2022-11' })
    const started = invocations.slice(before)
    expect(started.map((i) => [i.path, i.type])).toEqual([
      ['/2015-03-31/functions/ogd-report/invocations', 'Event'],
    ])
    expect(JSON.parse(started[0]?.body ?? '{}')).toEqual({
      month: '2022-11',
      requestedBy: 'dev-dga_admin',
      steps: ['report'],
    })
    expect((await listAudit(5)).map((a) => a.action)).toContain('report.generate.started')
  })

  it.each([
    ['a malformed month', '2022-13', 422],
    ['a month not begun', '2999-01', 422],
  ])('refuses %s before starting anything', async (_, month, status) => {
    const before = invocations.length
    const res = await apiApp.request(`/v1/reports/${month}`, {
      method: 'POST',
      headers: await bearer('dga_admin'),
    })
    expect(res.status).toBe(status)
    expect(invocations).toHaveLength(before)
  })
})
