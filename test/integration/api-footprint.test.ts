import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_WRITE_PARTITIONS } from '../../cdk/constructs/api.js'
import { createApiApp } from '../../functions/api/app.js'
import { resetJobsClient } from '../../functions/aws/jobs.js'
import { resetConfig } from '../../functions/config.js'
import { signUnsubscribeToken } from '../../functions/email/unsubscribe-token.js'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import { subscriptionId } from '../../functions/store/subscriptions.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { emptyPeriodCounts } from '../../shared/counting/period-counts.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { bearer } from '../fixtures/http.js'
import { outside, recordWrites, unused } from '../support/footprint.js'
import { routePolicies } from '../support/routes.js'

const apiApp = createApiApp()

let recorder: ReturnType<typeof recordWrites>

const lambda = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.statusCode = 202
    res.end()
  })
})

beforeAll(async () => {
  await storeCatalog(buildCatalog(2, 1))
  // As on AWS: the catalog sync and the reports run in their own functions, which the API only starts.
  await new Promise<void>((r) => lambda.listen(0, '127.0.0.1', () => r()))
  Object.assign(process.env, {
    CATALOG_SYNC_FUNCTION: 'ogd-catalog-sync',
    REPORT_FUNCTION: 'ogd-report',
    LAMBDA_ENDPOINT: `http://127.0.0.1:${(lambda.address() as AddressInfo).port}`,
  })
  resetConfig()
  resetJobsClient()
  // A finished fiscal year with downloads, so certifying it writes what a certification writes.
  const year = emptyPeriodCounts()
  year.agencies.set('agency-1', { ...ZERO_COUNTS, downloads: 1200, uniqueDownloads: 400 })
  year.datasets.set('dataset-1-1', {
    ...ZERO_COUNTS,
    downloads: 1200,
    uniqueDownloads: 400,
    agencyId: 'agency-1',
  })
  await replacePeriodCounts({ fy: 2565 }, year)
  recorder = recordWrites('apiFootprint')
})

afterAll(async () => {
  recorder.stop()
  for (const name of ['CATALOG_SYNC_FUNCTION', 'REPORT_FUNCTION', 'LAMBDA_ENDPOINT']) delete process.env[name]
  resetConfig()
  resetJobsClient()
  await new Promise((r) => lambda.close(r))
})

const json = async (role: 'dga_admin' | 'agency_exec', method: string, body?: unknown) => ({
  method,
  headers: { ...(await bearer(role, ['agency-1'])), 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
})
const subscriber = { email: 'chief@agency-1.go.th', locale: 'en', scope: 'agency-1' } as const
const subscription = subscriptionId(subscriber.email, subscriber.scope)

/** Every route that can change something, called as on AWS, with what it should answer. */
const CHANGES: Record<string, [path: string, init: () => Promise<RequestInit>, status: number]> = {
  'POST /v1/dev/session': [
    '/v1/dev/session',
    async () => json('dga_admin', 'POST', { role: 'dga_admin' }),
    200,
  ],
  'PUT /v1/targets/:fy/:agencyId': [
    '/v1/targets/2566/agency-1',
    () => json('dga_admin', 'PUT', { downloads: 5000 }),
    200,
  ],
  // The target set just above.
  'DELETE /v1/targets/:fy/:agencyId': ['/v1/targets/2566/agency-1', () => json('dga_admin', 'DELETE'), 204],
  'PUT /v1/awards/:fy/programme': [
    '/v1/awards/2566/programme',
    () =>
      json('dga_admin', 'PUT', {
        categories: [
          { id: 'agency-plaque', subject: 'agency', places: 9, metric: 'downloads' },
          { id: 'dataset-certificate', subject: 'dataset', places: 49 },
        ],
      }),
    200,
  ],
  'PUT /v1/awards/:fy/reviews/:subjectId': [
    '/v1/awards/2566/reviews/agency-1',
    () => json('dga_admin', 'PUT', { decision: 'discount', reason: 'spike', days: ['2022-11-02'] }),
    200,
  ],
  // The decision recorded just above.
  'DELETE /v1/awards/:fy/reviews/:subjectId': [
    '/v1/awards/2566/reviews/agency-1',
    () => json('dga_admin', 'DELETE'),
    204,
  ],
  'POST /v1/awards/:fy/certify': ['/v1/awards/2565/certify', () => json('dga_admin', 'POST'), 201],
  'POST /v1/catalog/sync': ['/v1/catalog/sync', () => json('dga_admin', 'POST'), 202],
  'POST /v1/reports/:month': ['/v1/reports/2022-11', () => json('dga_admin', 'POST'), 202],
  // On AWS the API names the year's rules and starts the monthly function for each month (recount, report).
  'POST /v1/counting/:fy': [
    '/v1/counting/2566',
    () => json('dga_admin', 'POST', { rules: 'counting-v2' }),
    202,
  ],
  'POST /v1/subscriptions': ['/v1/subscriptions', () => json('agency_exec', 'POST', subscriber), 201],
  'DELETE /v1/subscriptions/:id': [
    `/v1/subscriptions/${subscription}`,
    () => json('agency_exec', 'DELETE'),
    204,
  ],
  'POST /v1/subscriptions/unsubscribe': [
    `/v1/subscriptions/unsubscribe?token=${signUnsubscribeToken(process.env.UNSUBSCRIBE_SIGNING_KEY as string, subscription)}`,
    async () => ({ method: 'POST' }),
    200,
  ],
}

describe('what the API function writes on AWS', () => {
  it('names every route that can change something', () => {
    const changing = [...routePolicies(apiApp as unknown as Hono<never>).keys()].filter(
      (r) => !r.startsWith('GET '),
    )
    expect(Object.keys(CHANGES).sort()).toEqual(changing.sort())
  })

  it('writes only to the partitions its IAM policy allows (cdk/constructs/api.ts)', async () => {
    for (const [route, [path, init, status]] of Object.entries(CHANGES)) {
      const res = await apiApp.request(path, await init())
      expect([route, res.status]).toEqual([route, status])
    }
    expect(recorder.written.length).toBeGreaterThan(5)
    expect(outside(recorder.written, API_WRITE_PARTITIONS)).toEqual([])
    // Each allowed partition is one the API really writes: the list is no wider than it needs to be.
    expect(unused(recorder.written, API_WRITE_PARTITIONS)).toEqual([])
  })
})
