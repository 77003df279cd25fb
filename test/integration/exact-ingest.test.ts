import { beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { createIngestApp } from '../../functions/ingest/app.js'
import { recomputeMonth, runRollup } from '../../functions/jobs/rollup.js'
import { getPeriodCounts } from '../../functions/store/counts.js'
import { listDayEvents } from '../../functions/store/events.js'
import { addDays, bangkokDay, bangkokMonth } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA, INGEST_KEY } from '../fixtures/http.js'

const ingestApp = createIngestApp()

// Ten agencies of ten datasets: events spread over 100 resources.
beforeAll(() => storeCatalog(buildCatalog(10, 10)))

interface Answer {
  accepted: number
  duplicates: number
  rejected: unknown[]
}

async function post(events: object[]): Promise<Answer> {
  const res = await ingestApp.request('/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': INGEST_KEY },
    body: JSON.stringify({ events }),
  })
  expect(res.status).toBe(202)
  return (await res.json()) as Answer
}

const total = (answers: Answer[], field: 'accepted' | 'duplicates') =>
  answers.reduce((s, a) => s + a[field], 0)

/** Distinct clients an hour apart, so no counting rule folds two of them together. */
const event = (id: string, i: number, at: number) => ({
  eventId: id,
  resourceId: `resource-${(i % 10) + 1}-${(Math.floor(i / 10) % 10) + 1}`,
  occurredAt: new Date(at).toISOString(),
  clientIp: `2001:db8::${id.startsWith('bulk-') ? '1:' : ''}${i.toString(16)}`,
  userAgent: BROWSER_UA,
})

describe('ingest answers that are true under concurrency, replays and other days', () => {
  it('answers the same 50 ids sent in 8 concurrent requests as 50 accepted and 350 duplicates, stored once', async () => {
    const at = clock.now() - 60_000
    const events = Array.from({ length: 50 }, (_, i) => event(`same-${i}`, i, at))
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(events)))
    expect(total(answers, 'accepted')).toBe(50)
    expect(total(answers, 'duplicates')).toBe(350)
    const stored = (await listDayEvents(bangkokDay(at))).filter((e) => e.eventId.startsWith('same-'))
    expect(stored).toHaveLength(50)
  })

  it('stores an id once when it is sent again with an instant on another Bangkok day', async () => {
    const now = clock.now()
    const first = await post([event('moved-1', 1, now - 60_000)])
    const again = await post([event('moved-1', 1, now - 3 * 86_400_000)])
    expect(first).toMatchObject({ accepted: 1, duplicates: 0 })
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 })
    // …and within one batch too: the first of the two days wins.
    const both = await post([event('moved-2', 2, now - 60_000), event('moved-2', 2, now - 2 * 86_400_000)])
    expect(both).toMatchObject({ accepted: 1, duplicates: 1 })
    const days = [0, -1, -2, -3].map((d) => addDays(bangkokDay(now), d))
    const stored = (await Promise.all(days.map(listDayEvents)))
      .flat()
      .filter((e) => e.eventId.startsWith('moved-'))
    expect(stored.map((e) => e.eventId).sort()).toEqual(['moved-1', 'moved-2'])
  })

  it('answers 10,000 events in 134 concurrent batches, 1,000 of them replays, exactly; counts each event once', async () => {
    const now = clock.now()
    const day = bangkokDay(now)
    // Events earlier today, at least a second apart per client: none is a double click.
    const start = Math.max(now - 3_600_000, Date.parse(`${day}T00:00:00+07:00`))
    const originals = Array.from({ length: 9_000 }, (_, i) =>
      event(`bulk-${i}`, i, start + Math.floor((i / 9_000) * (now - 1_000 - start))),
    )
    const replays = Array.from({ length: 1_000 }, (_, k) => originals[(k * 7) % 9_000] as object)
    const all = [...originals, ...replays]
    // The replays are mixed among the originals; 134 batches of at most 75 go at once.
    const shuffled = all.map((e, i) => ({ e, key: (i * 7919) % all.length })).sort((a, b) => a.key - b.key)
    const batches = Array.from({ length: 134 }, (_, b) =>
      shuffled.slice(b * 75, (b + 1) * 75).map((x) => x.e),
    )
    expect(batches.flat()).toHaveLength(10_000)
    const month = bangkokMonth(now)
    const downloadsOfMonth = async () =>
      [...(await getPeriodCounts({ month })).agencies.values()].reduce((s, c) => s + c.downloads, 0)
    await runRollup(now)
    const before = await downloadsOfMonth()
    const answers = await Promise.all(batches.map(post))
    expect(total(answers, 'accepted')).toBe(9_000)
    expect(total(answers, 'duplicates')).toBe(1_000)

    const stored = (await listDayEvents(day)).filter((e) => e.eventId.startsWith('bulk-'))
    expect(new Set(stored.map((e) => e.eventId)).size).toBe(9_000)
    expect(stored).toHaveLength(9_000)
    // Counted once each after the rollup, and the same from a recount of raw events.
    await runRollup(now)
    expect((await downloadsOfMonth()) - before).toBe(9_000)
    expect(await recomputeMonth(month)).toEqual(await getPeriodCounts({ month }))
  }, 600_000) // 20,000 conditional writes: minutes on a loaded machine, a bound that only catches a hang
})
