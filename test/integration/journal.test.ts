import { mkdtemp, open as openFile, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { persistEvents, recordDownloads } from '../../functions/ingest/record.js'
import { DownloadJournal, type JournalOptions } from '../../functions/local/journal.js'
import { listDayEvents, type StoredEvent } from '../../functions/store/events.js'
import { bangkokDay } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA } from '../fixtures/http.js'

beforeAll(() => storeCatalog(buildCatalog(1, 3)))

// Each test counts the events of its own day, so tests share the table without seeing each other's events.
let dayOffset = 0
function eventsOfADay(n: number, prefix: string): StoredEvent[] {
  const at = Date.UTC(2026, 0, 1 + ++dayOffset, 5)
  return Array.from({ length: n }, (_, i) => ({
    eventId: `${prefix}-${i}`,
    day: bangkokDay(at),
    resourceId: 'resource-1-1',
    datasetId: 'dataset-1-1',
    agencyId: 'agency-1',
    at: at + i,
    client: `client-${i}`,
    clientClass: 'regular' as const,
    userAgent: BROWSER_UA,
    receivedAt: at + i,
  }))
}

const storeInTable = async (events: StoredEvent[]) => void (await persistEvents(events))
const journalDir = () => mkdtemp(join(tmpdir(), 'ogd-journal-'))
const segments = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.ndjson'))
/** What was written to a segment: its text up to the zeros it was made with. */
async function written(dir: string, name: string) {
  const text = await readFile(join(dir, name), 'utf8')
  return text.slice(0, text.indexOf('\0'))
}
const stored = async (events: StoredEvent[]) => (await listDayEvents((events[0] as StoredEvent).day)).length

async function open(dir: string, options: Partial<JournalOptions> = {}) {
  return DownloadJournal.open({ dir, store: storeInTable, ...options })
}

describe('the download journal', () => {
  it('acknowledges a download once it is on disk, then stores it in the table', async () => {
    const dir = await journalDir()
    const journal = await open(dir, { quietMs: 60_000, maxLagMs: 60_000 })
    const events = eventsOfADay(3, 'ack')
    await Promise.all(events.map((e) => journal.append(e)))
    // Answered, not yet stored (no quiet moment yet): the current segment holds every acknowledged event, and
    // the next one is made ready, zero-filled to the same size.
    const [current, next] = await segments(dir)
    const lines = (await written(dir, current as string)).trim().split('\n')
    expect(lines.map((l) => JSON.parse(l).eventId).sort()).toEqual(['ack-0', 'ack-1', 'ack-2'])
    expect(await written(dir, next as string)).toBe('')
    const sizes = await Promise.all(
      [current, next].map(async (n) => (await readFile(join(dir, n as string))).length),
    )
    expect(sizes).toEqual([4 * 1024 * 1024, 4 * 1024 * 1024])
    expect(await stored(events)).toBe(0)
    expect(journal.backlog).toBe(3)

    await journal.drained()
    expect(await stored(events)).toBe(3)
    expect(journal.backlog).toBe(0)
    await journal.close()
    expect(await segments(dir)).toEqual([])
  })

  it('stores on its own once downloads stop coming, or once the oldest has waited long enough', async () => {
    const quiet = await open(await journalDir(), { quietMs: 20, maxLagMs: 60_000 })
    const first = eventsOfADay(2, 'quiet')
    for (const e of first) await quiet.append(e)
    await expect.poll(() => stored(first), { timeout: 60_000 }).toBe(2)
    await quiet.close()

    // A steady stream never leaves a quiet moment: the lag bound stores it anyway.
    const busy = await open(await journalDir(), { quietMs: 60_000, maxLagMs: 200 })
    const second = eventsOfADay(20, 'busy')
    for (const e of second) {
      await busy.append(e)
      await new Promise((r) => setTimeout(r, 25))
    }
    expect(await stored(second)).toBeGreaterThan(0)
    await busy.close()
    expect(await stored(second)).toBe(20)
  })

  it('keeps downloads through a store outage and stores them, once, when the store is back', async () => {
    const dir = await journalDir()
    const errors: unknown[] = []
    let outage = true
    const journal = await open(dir, {
      quietMs: 0,
      onError: (err) => errors.push(err),
      store: async (events) => {
        if (outage) throw new Error('store unavailable')
        await storeInTable(events)
      },
    })
    const events = eventsOfADay(5, 'outage')
    for (const e of events) await journal.append(e)
    await expect.poll(() => errors.length, { timeout: 60_000 }).toBeGreaterThan(1)
    expect(await stored(events)).toBe(0)
    outage = false
    await journal.drained()
    expect(await stored(events)).toBe(5)
    await journal.close()
  })

  it('stores at the next open what a crash left, skips a torn last line, and a replay changes nothing', async () => {
    const dir = await journalDir()
    // Shut down while the store is unreachable: the acknowledged downloads stay in their segment.
    const down = await open(dir, {
      store: async () => {
        throw new Error('store unavailable')
      },
    })
    const events = eventsOfADay(4, 'crash')
    for (const e of events) await down.append(e)
    await down.close(50)
    const [segment] = await segments(dir)
    expect(await segments(dir)).toHaveLength(1) // the next, empty one was removed
    // A crash in the middle of a write leaves half a line: never synced, never acknowledged.
    const end = (await written(dir, segment as string)).length
    const file = await openFile(join(dir, segment as string), 'r+')
    await file.write('{"eventId":"torn","day":"20', end)
    await file.close()

    const up = await open(dir)
    await up.drained()
    expect((await listDayEvents(events[0]?.day as string)).map((e) => e.eventId).sort()).toEqual(
      events.map((e) => e.eventId).sort(),
    )
    expect(await segments(dir)).toHaveLength(2) // the new current segment, and the next
    await up.close()
    expect(await segments(dir)).toEqual([])

    // A process killed after storing but before deleting its segment: the next open stores the same
    // events again, under the same ids, and the table is unchanged.
    const killed = await open(dir)
    for (const e of events) await killed.append(e)
    await killed.drained()
    const again = await open(dir)
    await again.drained()
    expect(await stored(events)).toBe(4)
    await again.close()
    await killed.close()
  })

  it('moves to a new segment past its size and deletes a segment once all of it is stored', async () => {
    const dir = await journalDir()
    const journal = await open(dir, { segmentBytes: 1000, quietMs: 60_000, maxLagMs: 60_000 })
    const events = eventsOfADay(12, 'rotate')
    for (const e of events) await journal.append(e)
    const full = await segments(dir)
    expect(full.length).toBeGreaterThan(3)
    // Every event is in exactly one segment, and no segment grew past its size.
    const all = (await Promise.all(full.map((n) => written(dir, n)))).join('').trim().split('\n')
    expect(all.map((l) => JSON.parse(l).eventId).sort()).toEqual(events.map((e) => e.eventId).sort())
    for (const n of full) expect((await readFile(join(dir, n))).length).toBe(1000)
    await journal.drained()
    expect(await stored(events)).toBe(12)
    expect(await segments(dir)).toHaveLength(2) // the current one and the next
    await journal.close()
    expect(await segments(dir)).toEqual([])
  })

  it('takes single downloads of GET /d/ but not events that carry their own id', async () => {
    const dir = await journalDir()
    const journal = await open(dir, { quietMs: 60_000, maxLagMs: 60_000 })
    const client = { ip: '192.0.2.10', userAgent: BROWSER_UA }
    const record = (events: { resourceId: string; eventId?: string }[]) =>
      recordDownloads(events, client, undefined, { journal })
    expect(await record([{ resourceId: 'resource-1-2' }])).toMatchObject({ accepted: 1 })
    expect(journal.backlog).toBe(1)
    // An event with its own id is stored before the answer, so that its retry is answered as a duplicate.
    const given = { resourceId: 'resource-1-3', eventId: 'own-id-1' }
    expect(await record([given])).toMatchObject({ accepted: 1 })
    expect(journal.backlog).toBe(1)
    expect(await record([given])).toMatchObject({ accepted: 0, duplicates: 1 })
    await journal.close()
    const today = await listDayEvents(bangkokDay(clock.now()))
    expect(today.filter((e) => e.resourceId === 'resource-1-2')).toHaveLength(1)
  })
})
