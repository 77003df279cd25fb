import { beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { createIngestApp } from '../../functions/ingest/app.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import { listDayEvents } from '../../functions/store/events.js'
import type { IntegrityResponse } from '../../shared/api.js'
import { addDays, bangkokDay, bangkokMonth, dayStart } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { getJson, INGEST_KEY } from '../fixtures/http.js'

// The case of the review (issue 17): one address sends 165 downloads, each with another user agent. The client
// identity is (address, user agent), so it was 165 clients: a 0.4 % concentration share and no warning.
const ingestApp = createIngestApp()
const now = clock.now()
const day = addDays(bangkokDay(now), -1)
const month = bangkokMonth(dayStart(day))
const ROTATOR = '203.0.113.77'
const LOOPER = '203.0.113.78'
const ROTATIONS = 165

const browser = (i: number) =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${100 + i}.0.${i * 7}.0 Safari/537.36`

/** Irregular gaps (40 s to 6 min, never evenly spaced), so neither a double click nor a clockwork loop. */
const gapsMs = [40, 310, 95, 200, 55, 360, 130, 75, 250, 160].map((s) => s * 1000)

/** 165 downloads from one address, one user agent each; `evenly`: one a minute, as a script's loop. */
function rotation(resourceId: string, tag: string, evenly: boolean, clientIp = evenly ? LOOPER : ROTATOR) {
  let at = dayStart(day) + 8 * 3_600_000
  return Array.from({ length: ROTATIONS }, (_, i) => {
    at += evenly ? 60_000 : (gapsMs[i % gapsMs.length] as number)
    const event = {
      eventId: `${tag}-${i}`,
      resourceId,
      occurredAt: new Date(at).toISOString(),
      clientIp,
      userAgent: browser(i),
    }
    return event
  })
}

/** `n` people, each from an address of their own, downloading once in the afternoon. */
const people = (resourceId: string, n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    eventId: `${tag}-${i}`,
    resourceId,
    occurredAt: new Date(dayStart(day) + 13 * 3_600_000 + i * 20_000).toISOString(),
    clientIp: `198.51.100.${i + 1}`,
    userAgent: browser(i % 5),
  }))

async function post(events: unknown[]) {
  for (let i = 0; i < events.length; i += 500) {
    const res = await ingestApp.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': INGEST_KEY },
      body: JSON.stringify({ events: events.slice(i, i + 500) }),
    })
    expect(res.status).toBe(202)
    expect((await res.json()) as { rejected: unknown[] }).toMatchObject({ rejected: [] })
  }
}

beforeAll(async () => {
  await storeCatalog(buildCatalog(2, 1))
  await post([
    // Agency 1: irregular rotation beside 100 people, counted (it is not harvesting) but concentrated.
    ...rotation('resource-1-1', 'irregular', false),
    ...people('resource-1-1', 100, 'people-1'),
    // Agency 2: the same rotation as a loop, one a minute: a harvester under counting-v2.
    ...rotation('resource-2-1', 'loop', true),
    ...people('resource-2-1', 100, 'people-2'),
  ])
  await runRollup(now, [day])
})

describe('integrity signals see through user-agent rotation', () => {
  it('stores a keyed hash of the address beside the client, never the address', async () => {
    const events = (await listDayEvents(day)).filter((e) => e.eventId.startsWith('irregular-'))
    expect(events).toHaveLength(ROTATIONS)
    expect(new Set(events.map((e) => e.client)).size).toBe(ROTATIONS)
    expect(new Set(events.map((e) => e.address))).toEqual(new Set([events[0]?.address]))
    expect(events[0]?.address).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(JSON.stringify(events)).not.toContain(ROTATOR)
    // Everyone else has an address of their own.
    const others = (await listDayEvents(day)).filter((e) => e.eventId.startsWith('people-1-'))
    expect(new Set(others.map((e) => e.address)).size).toBe(100)
  })

  it('warns of concentration: one address made most of the downloads, whatever user agents it sent', async () => {
    const { status, body } = await getJson<IntegrityResponse>(
      `/v1/agencies/agency-1/integrity?month=${month}`,
    )
    expect(status).toBe(200)
    const downloads = ROTATIONS + 100
    const evidence = {
      downloads,
      topClientDownloads: ROTATIONS + 2,
      share: Number(((ROTATIONS + 2) / downloads).toFixed(3)),
    }
    expect(body.signals[0]).toMatchObject({ kind: 'concentration', warning: true, evidence })
    expect(body.datasets[0]).toMatchObject({
      datasetId: 'dataset-1-1',
      concentration: { warning: true, evidence },
    })
  })

  it('leaves out a rotating address that harvests like a loop, and counts the people beside it', async () => {
    const { body } = await getJson<IntegrityResponse>(`/v1/agencies/agency-2/integrity?month=${month}`)
    expect(body).toMatchObject({ downloads: 100, excluded: { harvesters: ROTATIONS } })
    expect(body.signals[0]).toMatchObject({ kind: 'concentration', warning: false })
  })
})
