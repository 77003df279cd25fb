import { describe, expect, it } from 'vitest'
import { bearer, INGEST_KEY } from '../fixtures/http.js'
import { APPS, type AppName, allRoutes } from '../support/routes.js'

/**
 * The authorization table: for every route, what each kind of caller gets. `pass` means the access rule let
 * the caller through (any answer but 401/403, and never a 500); a number is the exact status. Paths that name
 * an agency name `agency-1`: the executive's own agency in `execOwn`, another's in `execOther`.
 *
 * A route without a row fails this test, and so does a row without a route: add one row per new route.
 * Sending a body that fails validation (422) is the simple way to test a write route's rule without writing.
 */
type Expected = number | 'pass'
type Caller = 'anonymous' | 'ingestKey' | 'dga' | 'execOwn' | 'execOther'
type Expectations = Record<Caller, Expected>
interface Row {
  path: string
  body?: unknown
  expect: Expectations
}

const PUBLIC: Expectations = {
  anonymous: 'pass',
  ingestKey: 'pass',
  dga: 'pass',
  execOwn: 'pass',
  execOther: 'pass',
}
const INGEST: Expectations = { anonymous: 401, ingestKey: 'pass', dga: 401, execOwn: 401, execOther: 401 }
const SIGNED_IN: Expectations = {
  anonymous: 401,
  ingestKey: 401,
  dga: 'pass',
  execOwn: 'pass',
  execOther: 'pass',
}
const OWN_AGENCY: Expectations = {
  anonymous: 401,
  ingestKey: 401,
  dga: 'pass',
  execOwn: 'pass',
  execOther: 403,
}
const DGA_ONLY: Expectations = { anonymous: 401, ingestKey: 401, dga: 'pass', execOwn: 403, execOther: 403 }

const TABLE: Record<string, Row> = {
  'api GET /healthz': { path: '/healthz', expect: PUBLIC },
  'api POST /v1/dev/session': { path: '/v1/dev/session', body: { role: 'dga_admin' }, expect: PUBLIC },
  'api GET /v1/dev/session/agencies': { path: '/v1/dev/session/agencies', expect: PUBLIC },
  'api GET /v1/rankings/agencies': { path: '/v1/rankings/agencies?month=2022-11', expect: SIGNED_IN },
  'api GET /v1/rankings/datasets': {
    path: '/v1/rankings/datasets?month=2022-11&agencyId=agency-1',
    expect: OWN_AGENCY,
  },
  'api GET /v1/audit': { path: '/v1/audit', expect: DGA_ONLY },
  'api GET /v1/runs': { path: '/v1/runs', expect: DGA_ONLY },
  'api GET /v1/status': { path: '/v1/status', expect: DGA_ONLY },
  'api GET /v1/overview': { path: '/v1/overview?month=2022-11', expect: DGA_ONLY },
  'api GET /v1/catalog/sync': { path: '/v1/catalog/sync', expect: DGA_ONLY },
  'api POST /v1/catalog/sync': { path: '/v1/catalog/sync', expect: DGA_ONLY },
  'api GET /v1/agencies/:agencyId/performance': {
    path: '/v1/agencies/agency-1/performance?fy=2566',
    expect: OWN_AGENCY,
  },
  'api GET /v1/agencies/:agencyId/integrity': {
    path: '/v1/agencies/agency-1/integrity?fy=2566',
    expect: OWN_AGENCY,
  },
  'api GET /v1/agencies/:agencyId/actions': {
    path: '/v1/agencies/agency-1/actions?fy=2566',
    expect: OWN_AGENCY,
  },
  'api GET /v1/awards': { path: '/v1/awards?fy=2566', expect: SIGNED_IN },
  'api GET /v1/fiscal-years': { path: '/v1/fiscal-years', expect: SIGNED_IN },
  'api GET /v1/awards/:fy/programme': { path: '/v1/awards/2566/programme', expect: SIGNED_IN },
  'api PUT /v1/awards/:fy/programme': {
    path: '/v1/awards/2566/programme',
    body: { categories: 'none' },
    expect: DGA_ONLY,
  },
  'api GET /v1/awards/:fy/reviews': { path: '/v1/awards/2566/reviews', expect: DGA_ONLY },
  // A year not over yet: DGA passes with 409, and nothing is certified.
  'api POST /v1/awards/:fy/certify': { path: '/v1/awards/2570/certify', expect: DGA_ONLY },
  // Nothing certified there: DGA passes with 404.
  'api GET /v1/awards/:fy/certification': { path: '/v1/awards/2566/certification', expect: DGA_ONLY },
  'api GET /v1/awards/:fy/certificates': { path: '/v1/awards/2566/certificates', expect: DGA_ONLY },
  'api GET /v1/awards/:fy/certificates/:name{.+}': {
    path: '/v1/awards/2566/certificates/results.pdf',
    expect: DGA_ONLY,
  },
  // The public verification page: a code of the wrong shape is a 404 page for anyone.
  'api GET /verify/:code': { path: '/verify/not-a-code', expect: PUBLIC },
  // Usage as open data: public; nothing is published in this store, so the files are 404 for anyone.
  'api GET /open-data': { path: '/open-data', expect: PUBLIC },
  'api GET /open-data/': { path: '/open-data/', expect: PUBLIC },
  'api GET /open-data/style.css': { path: '/open-data/style.css', expect: PUBLIC },
  'api GET /open-data/catalog.jsonld': { path: '/open-data/catalog.jsonld', expect: PUBLIC },
  'api GET /open-data/dictionary.csv': { path: '/open-data/dictionary.csv', expect: PUBLIC },
  'api GET /open-data/:period/:file': { path: '/open-data/2022-11/agencies.csv', expect: PUBLIC },
  'api PUT /v1/awards/:fy/reviews/:subjectId': {
    path: '/v1/awards/2566/reviews/agency-1',
    body: { decision: 'cleared' },
    expect: DGA_ONLY,
  },
  // No decision is recorded there: DGA passes with 404.
  'api DELETE /v1/awards/:fy/reviews/:subjectId': {
    path: '/v1/awards/2566/reviews/agency-1',
    expect: DGA_ONLY,
  },
  'api GET /v1/targets/:fy': { path: '/v1/targets/2566', expect: DGA_ONLY },
  'api PUT /v1/targets/:fy/:agencyId': {
    path: '/v1/targets/2566/agency-1',
    body: { downloads: -1 },
    expect: DGA_ONLY,
  },
  // No target is set there: DGA passes with 404, and an executive is refused before anything is looked up.
  'api DELETE /v1/targets/:fy/:agencyId': { path: '/v1/targets/2566/agency-1', expect: DGA_ONLY },
  'api GET /v1/auth/config': { path: '/v1/auth/config', expect: PUBLIC },
  // Executives see and manage their own agencies' subscriptions only: the handler filters and checks the
  // scope of the body or of the stored subscription (test/integration/subscriptions.test.ts).
  'api GET /v1/subscriptions': { path: '/v1/subscriptions', expect: SIGNED_IN },
  'api POST /v1/subscriptions': {
    path: '/v1/subscriptions',
    body: { email: 'not-an-address', locale: 'th', scope: 'agency-1' },
    expect: SIGNED_IN,
  },
  'api DELETE /v1/subscriptions/:id': { path: '/v1/subscriptions/no-such-subscription', expect: SIGNED_IN },
  'api GET /v1/subscriptions/deliveries': {
    path: '/v1/subscriptions/deliveries?month=2022-11',
    expect: DGA_ONLY,
  },
  'api GET /v1/subscriptions/unsubscribe': {
    path: '/v1/subscriptions/unsubscribe?token=x.y',
    expect: PUBLIC,
  },
  'api POST /v1/subscriptions/unsubscribe': {
    path: '/v1/subscriptions/unsubscribe?token=x.y',
    expect: PUBLIC,
  },
  'api GET /v1/reports': { path: '/v1/reports', expect: SIGNED_IN },
  // An agency's variant: its executives pass (404, no report yet); a national file is DGA's alone (below).
  'api GET /v1/reports/:month/:file{.+}': {
    path: '/v1/reports/2022-11/agencies/agency-1.pdf',
    expect: OWN_AGENCY,
  },
  'api POST /v1/reports/:month': { path: '/v1/reports/2022-13', expect: DGA_ONLY },
  // A malformed body: the policy decides before anything is recounted.
  'api POST /v1/counting/:fy': { path: '/v1/counting/2566', body: { rules: 'v9' }, expect: DGA_ONLY },
  'ingest GET /d/:resourceId': { path: '/d/no-such-resource', expect: PUBLIC },
  'ingest POST /v1/events': { path: '/v1/events', body: {}, expect: INGEST },
}

async function headersOf(caller: Caller): Promise<Record<string, string>> {
  switch (caller) {
    case 'anonymous':
      return {}
    case 'ingestKey':
      return { 'x-api-key': INGEST_KEY }
    case 'dga':
      return bearer('dga_admin')
    case 'execOwn':
      return bearer('agency_exec', ['agency-1'])
    case 'execOther':
      return bearer('agency_exec', ['agency-2'])
  }
}

const cases = Object.entries(TABLE).flatMap(([route, row]) =>
  (Object.entries(row.expect) as [Caller, Expected][]).map(
    ([caller, expected]) => [route, caller, expected, row] as const,
  ),
)

describe('report files beyond the table', () => {
  it.each([
    ['dga', 'pass'],
    ['execOwn', 403],
    ['execOther', 403],
  ] as const)('a national report file as %s → %s', async (caller, expected) => {
    const res = await APPS.api.request('/v1/reports/2022-11/report.pdf', { headers: await headersOf(caller) })
    if (expected === 'pass') expect([401, 403]).not.toContain(res.status)
    else expect(res.status).toBe(expected)
  })
})

describe('authorization table', () => {
  it('has exactly one row for every route of the apps', () => {
    const routes = allRoutes().sort()
    expect(Object.keys(TABLE).sort()).toEqual(routes)
  })

  it.each(cases)('%s as %s → %s', async (route, caller, expected, row) => {
    const [appName, method] = route.split(' ') as [AppName, string]
    const headers = await headersOf(caller)
    if (row.body !== undefined) headers['content-type'] = 'application/json'
    const res = await APPS[appName].request(row.path, {
      method,
      headers,
      ...(row.body === undefined ? {} : { body: JSON.stringify(row.body) }),
    })
    if (expected === 'pass') {
      expect([401, 403]).not.toContain(res.status)
      expect(res.status).toBeLessThan(500)
    } else {
      expect(res.status).toBe(expected)
    }
  })
})
