import { beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { createIngestApp } from '../../functions/ingest/app.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA, getJson, INGEST_KEY } from '../fixtures/http.js'

const ingestApp = createIngestApp()

const catalog = buildCatalog(3, 2)

function postEvents(body: unknown, key: string | null = INGEST_KEY) {
  return ingestApp.request('/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const event = (i: number, over: Record<string, unknown> = {}) => ({
  eventId: `evt-${i}`,
  resourceId: 'resource-1-1',
  occurredAt: new Date(clock.now() - 60_000).toISOString(),
  userAgent: BROWSER_UA,
  clientIp: `203.0.113.${i % 250}`,
  ...over,
})

beforeAll(() => storeCatalog(catalog))

describe('POST /v1/events', () => {
  it('stores events and shows them in the agency ranking of the month', async () => {
    const res = await postEvents({ events: [event(1), event(2), event(3, { resourceId: 'resource-2-1' })] })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] })
    await runRollup()

    const month = new Date(clock.now() + 7 * 3600_000).toISOString().slice(0, 7)
    const { status, body } = await getJson<{
      items: { agencyId: string; downloads: number; rank: number }[]
    }>(`/v1/rankings/agencies?month=${month}`)
    expect(status).toBe(200)
    const byId = new Map(body.items.map((i) => [i.agencyId, i]))
    expect(byId.get('agency-1')).toMatchObject({ downloads: 2, rank: 1 })
    expect(byId.get('agency-2')).toMatchObject({ downloads: 1, rank: 2 })
    expect(byId.get('agency-3')).toMatchObject({ downloads: 0, rank: 3 })
  })

  it('accepts a single event without the events wrapper', async () => {
    const res = await postEvents(event(50))
    expect(await res.json()).toMatchObject({ accepted: 1 })
  })

  it('makes a retry change nothing: the same event ids are duplicates', async () => {
    const batch = { events: [event(10), event(11)] }
    expect(await (await postEvents(batch)).json()).toMatchObject({ accepted: 2, duplicates: 0 })
    expect(await (await postEvents(batch)).json()).toMatchObject({ accepted: 0, duplicates: 2 })
  })

  it('counts repeats of one id inside a batch once', async () => {
    const res = await postEvents({ events: [event(20), event(20)] })
    expect(await res.json()).toMatchObject({ accepted: 1, duplicates: 1 })
  })

  it('rejects unknown resources and impossible instants per event, accepting the rest', async () => {
    const res = await postEvents({
      events: [
        event(30, { resourceId: 'no-such-resource' }),
        event(31),
        event(32, { occurredAt: new Date(clock.now() + 10 * 60_000).toISOString() }),
        event(33, { occurredAt: '2020-01-01T00:00:00+07:00' }),
      ],
    })
    const body = (await res.json()) as { accepted: number; rejected: { index: number; error: string }[] }
    expect(res.status).toBe(202)
    expect(body.accepted).toBe(1)
    expect(body.rejected.map((r) => r.index)).toEqual([0, 2, 3])
    expect(body.rejected[0]?.error).toMatch(/no-such-resource/)
    expect(body.rejected[1]?.error).toMatch(/future/)
    expect(body.rejected[2]?.error).toMatch(/retention/)
  })

  it.each([
    ['no key', null],
    ['a wrong key', 'not-the-key'],
  ])('answers 401 with %s', async (_, key) => {
    const res = await postEvents({ events: [event(40)] }, key)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } })
  })

  it('accepts every active key, so keys can be rotated', async () => {
    expect((await postEvents({ events: [event(41)] }, 'rotated-ingest-key')).status).toBe(202)
  })

  it('answers 400 for malformed JSON', async () => {
    const res = await postEvents('{"events": [')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } })
  })

  it('answers 422 naming the field for wrong types', async () => {
    const res = await postEvents({ events: [event(1), { resourceId: 42 }] })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: { message: string } }
    expect(body.error.message).toContain('events[1].resourceId')
  })

  it('answers 422 for an occurredAt without an offset', async () => {
    const res = await postEvents({ events: [event(1, { occurredAt: '2022-11-01 10:00' })] })
    expect(res.status).toBe(422)
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('occurredAt')
  })

  it('answers 413 for more than 500 events', async () => {
    const res = await postEvents({ events: Array.from({ length: 501 }, (_, i) => event(i)) })
    expect(res.status).toBe(413)
  })

  it('answers 413 for a body over 1 MB', async () => {
    const res = await postEvents({ events: [event(1, { userAgent: 'x'.repeat(1_100_000) })] })
    expect(res.status).toBe(413)
  })
})

describe('GET /d/:resourceId', () => {
  it('records the download and redirects to the catalog URL of the resource', async () => {
    const res = await ingestApp.request('/d/resource-3-2?url=https://evil.example', {
      headers: { 'user-agent': BROWSER_UA },
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(
      catalog.resources.find((r) => r.resourceId === 'resource-3-2')?.url,
    )
    await runRollup()
    const month = new Date(clock.now() + 7 * 3600_000).toISOString().slice(0, 7)
    const { body } = await getJson<{ items: { datasetId: string; downloads: number }[] }>(
      `/v1/rankings/datasets?month=${month}`,
    )
    expect(body.items.find((i) => i.datasetId === 'dataset-3-2')?.downloads).toBe(1)
  })

  it('answers a HEAD request without counting it', async () => {
    const res = await ingestApp.request('/d/resource-2-2', {
      method: 'HEAD',
      headers: { 'user-agent': BROWSER_UA },
    })
    expect(res.status).toBe(302)
    await runRollup()
    const month = new Date(clock.now() + 7 * 3600_000).toISOString().slice(0, 7)
    const { body } = await getJson<{ items: { datasetId: string; downloads: number }[] }>(
      `/v1/rankings/datasets?month=${month}`,
    )
    expect(body.items.find((i) => i.datasetId === 'dataset-2-2')?.downloads).toBe(0)
  })

  it('answers 404 for an unknown resource', async () => {
    const res = await ingestApp.request('/d/unknown-resource')
    expect(res.status).toBe(404)
    expect(res.headers.get('location')).toBeNull()
  })
})
