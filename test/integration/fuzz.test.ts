import fc from 'fast-check'
import type { Hono } from 'hono'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import { createIngestApp } from '../../functions/ingest/app.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { bearer, INGEST_KEY } from '../fixtures/http.js'
import { allRoutes } from '../support/routes.js'

const apiApp = createApiApp()
const ingestApp = createIngestApp()

/**
 * Property: whatever a stranger sends — any method, path, query, headers and body — the answer is never a
 * 500, and an error is always our `{error: {code, message}}` without a stack trace or a file name.
 */
const ROUTE_PATHS = [...new Set(allRoutes().map((r) => r.split(' ')[2] as string))]
let tokens: string[] = []
beforeAll(async () => {
  await storeCatalog(buildCatalog(3, 1))
  tokens = [
    (await bearer('dga_admin')).authorization,
    (await bearer('agency_exec', ['agency-1'])).authorization,
  ]
})

const nasty = fc.constantFrom(
  'a',
  '0',
  '-',
  '.',
  '..',
  '%',
  '%2F',
  '%00',
  '%ZZ',
  'ก',
  '😀',
  '~',
  '!',
  '$',
  "'",
  '*',
  ':',
  '@',
  ',',
  ';',
  '=',
  '+',
  ' ',
  '\\',
)
const segment = fc.string({ unit: nasty, maxLength: 12 })
/** Ids of impossible length (a 5,000-character resource id once made a DynamoDB key too long: a 500). */
const long = fc.string({ unit: nasty, minLength: 200, maxLength: 5_000 })
const value = fc.oneof(
  segment,
  fc.constantFrom('2022-11', '2566', 'agency-1', '-1', '1e9', '9'.repeat(30), ''),
)
const query = fc
  .array(fc.tuple(fc.constantFrom('month', 'fy', 'agencyId', 'limit', 'x', 'month'), value), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''))
const path = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        '/healthz',
        '/v1/rankings/agencies',
        '/v1/rankings/datasets',
        '/v1/audit',
        '/v1/auth/config',
        '/v1/dev/session',
        '/v1/events',
        '/d/resource-1-1',
      ),
      segment.map((s) => `/d/${s}`),
      long.map((s) => `/d/${s}`),
      // Every declared route, its parameters filled with odd values.
      fc
        .tuple(
          fc.constantFrom(...ROUTE_PATHS),
          fc.array(fc.oneof(segment, long), { minLength: 4, maxLength: 4 }),
        )
        .map(([route, values]) => route.replace(/:\w+/g, () => values.pop() ?? 'x')),
      fc.array(segment, { maxLength: 4 }).map((s) => `/v1/${s.join('/')}`),
      fc.array(segment, { maxLength: 4 }).map((s) => `/${s.join('/')}`),
    ),
    query,
  )
  .map(([p, q]) => `${p}${q}`)

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
})
const headers = fc.record(
  {
    authorization: fc.oneof(
      printable,
      printable.map((t) => `Bearer ${t}`),
      fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer eyJhbGciOiJub25lIn0.e30.'),
      fc.constant('VALID'),
    ),
    'x-api-key': fc.oneof(printable, fc.constant(INGEST_KEY)),
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
    ),
    'user-agent': printable,
    origin: fc.constantFrom('https://evil.example', 'null'),
  },
  { requiredKeys: [] },
)
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .array(
      fc.record(
        {
          resourceId: fc.oneof(segment, fc.constant('resource-1-1'), fc.integer()),
          eventId: fc.oneof(segment, fc.integer()),
          occurredAt: fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            segment,
          ),
          clientIp: fc.oneof(fc.ipV4(), fc.ipV6(), segment),
          userAgent: printable,
          role: fc.constantFrom('dga_admin', 'agency_exec', 'root'),
          agencyIds: fc.array(segment, { maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 5 },
    )
    .map((events) => JSON.stringify(events.length === 1 ? events[0] : { events })),
)
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path,
  headers,
  body,
  token: fc.nat(1),
})

describe.each([
  ['api', apiApp],
  ['ingest', ingestApp],
])('the %s app under fuzzed requests', (_, app) => {
  it('never answers 500 and never shows a stack (5,000 requests per app, 10,000 in all)', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const sent = { ...r.headers }
        if (sent.authorization === 'VALID') sent.authorization = tokens[r.token] as string
        const withBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD'
        const res = await (app as unknown as Hono).request(
          r.path,
          { method: r.method, headers: sent, ...(withBody ? { body: r.body } : {}) },
          { incoming: { socket: { remoteAddress: '192.0.2.10' } } },
        )
        const text = await res.text()
        expect(res.status, `${r.method} ${r.path} → ${text}`).toBeLessThan(500)
        expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d|Error:/)
        // The public verification page answers a person's browser: its 404 is a page, every other error JSON.
        const html = /^text\/html/.test(res.headers.get('content-type') ?? '')
        if (html && res.status >= 400)
          expect([r.path.startsWith('/verify/'), res.status]).toEqual([true, 404])
        else if (res.status >= 400 && r.method !== 'HEAD') {
          const parsed = JSON.parse(text) as { error: { code: string; message: string } }
          expect(typeof parsed.error.code).toBe('string')
          expect(typeof parsed.error.message).toBe('string')
        }
      }),
      { numRuns: 5_000 },
    )
  }, 600_000)
})
