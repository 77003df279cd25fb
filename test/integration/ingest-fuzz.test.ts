import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { createIngestApp } from '../../functions/ingest/app.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { INGEST_KEY } from '../fixtures/http.js'

const ingestApp = createIngestApp()

beforeAll(() => storeCatalog(buildCatalog(1, 2)))

const post = (body: string, headers: Record<string, string> = {}) =>
  ingestApp.request('/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': INGEST_KEY, ...headers },
    body,
  })

/** Events that are close to valid: the fields the contract names, with values of any type. */
const nearEvent = fc.record(
  {
    resourceId: fc.oneof(
      fc.constantFrom('resource-1-1', 'resource-1-2', ''),
      fc.string(),
      fc.integer(),
      fc.constant(null),
    ),
    eventId: fc.oneof(fc.string({ maxLength: 300 }), fc.uuid(), fc.integer()),
    occurredAt: fc.oneof(
      fc
        .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.string(),
      fc.constant('2022-11-01T10:00:00+07:00'),
    ),
    userAgent: fc.oneof(fc.string({ maxLength: 5000 }), fc.constant('curl/8'), fc.integer()),
    clientIp: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()),
    sessionId: fc.oneof(fc.string({ maxLength: 300 }), fc.boolean()),
  },
  { requiredKeys: [] },
)

describe('POST /v1/events never answers 500', () => {
  it('for arbitrary text bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 2000 }), async (body) => {
        const res = await post(body)
        expect(res.status).toBeGreaterThanOrEqual(200)
        expect(res.status).toBeLessThan(500)
      }),
      { numRuns: 150 },
    )
  })

  it('for arbitrary JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        const res = await post(JSON.stringify(value))
        expect([202, 400, 413, 422]).toContain(res.status)
      }),
      { numRuns: 150 },
    )
  })

  it('for batches of near-valid events, answering per event or naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nearEvent, { minLength: 1, maxLength: 20 }), async (events) => {
        const res = await post(JSON.stringify({ events }))
        expect([202, 422]).toContain(res.status)
        const body = (await res.json()) as {
          accepted?: number
          rejected?: unknown[]
          error?: { message: string }
        }
        if (res.status === 202)
          expect((body.accepted ?? 0) + (body.rejected?.length ?? 0)).toBeLessThanOrEqual(events.length)
        else expect(body.error?.message).toMatch(/events\[\d+\]/)
      }),
      { numRuns: 120 },
    )
  })

  it('for arbitrary header values and download paths', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), async (header, path) => {
        const safe = header.replace(/[^\t\x20-\x7e]/g, '')
        const res = await post('{"resourceId":"resource-1-1"}', { 'x-api-key': safe, 'user-agent': safe })
        expect(res.status).toBeLessThan(500)
        const d = await ingestApp.request(`/d/${encodeURIComponent(path)}`, {
          headers: { 'user-agent': safe },
        })
        expect([302, 404]).toContain(d.status)
      }),
      { numRuns: 120 },
    )
  })
})
