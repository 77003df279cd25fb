import { GetCommand } from '@aws-sdk/lib-dynamodb'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { ARCHIVE_AFTER_DAYS, archiveClosedDays, isArchivable } from '../../functions/jobs/archive.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import { getDayArchive } from '../../functions/store/archive.js'
import { batchWrite } from '../../functions/store/batch.js'
import { dynamo, table } from '../../functions/store/clients.js'
import { getPeriodCounts } from '../../functions/store/counts.js'
import { listDayEvents, type StoredEvent, saveEvents } from '../../functions/store/events.js'
import { eventKey } from '../../functions/store/keys.js'
import type { CountableEvent } from '../../shared/counting/count-day.js'
import { addDays, bangkokDay } from '../../shared/time.js'
import { dayEvents } from '../fixtures/day-events.js'

const today = bangkokDay(clock.now())
const closed = addDays(today, -ARCHIVE_AFTER_DAYS)
const stored = (e: CountableEvent): StoredEvent => ({
  ...e,
  day: closed,
  userAgent: e.userAgent ?? '',
  receivedAt: clock.now(),
})

describe('raw events archived to S3', () => {
  it('recounts an archived day from its archive, as it counted from the table', async () => {
    const events = (
      fc.sample(dayEvents('arch-', closed), { numRuns: 1, seed: 7 })[0] as CountableEvent[]
    ).map(stored)
    await saveEvents(events)
    await runRollup(clock.now(), [closed])
    const before = await getPeriodCounts({ day: closed })
    expect(before.datasets.size).toBeGreaterThan(0)

    expect(isArchivable(closed)).toBe(true)
    expect(isArchivable(addDays(closed, 1))).toBe(false)
    expect(await archiveClosedDays()).toContainEqual({ day: closed, events: events.length })
    const byId = (a: StoredEvent, b: StoredEvent) => (a.eventId < b.eventId ? -1 : 1)
    expect((await getDayArchive(closed))?.sort(byId)).toEqual((await listDayEvents(closed)).sort(byId))
    // A second run finds the day archived and leaves it.
    expect((await archiveClosedDays()).map((a) => a.day)).not.toContain(closed)

    // The table's TTL removes the day's events; a recount reads the archive and finds the same counts.
    await batchWrite(events.map((e) => ({ DeleteRequest: { Key: eventKey(closed, e.eventId) } })))
    expect(await listDayEvents(closed)).toEqual([])
    expect(await runRollup(clock.now(), [closed])).toMatchObject({ changed: 0 })
    expect(await getPeriodCounts({ day: closed })).toEqual(before)
  })

  it('gives each raw event an expiry two years after its day', async () => {
    const [event] = (fc.sample(dayEvents('ttl-', today), { numRuns: 1, seed: 3 })[0] as CountableEvent[]).map(
      (e) => ({ ...stored(e), day: today }),
    )
    await saveEvents([event as StoredEvent])
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: table(), Key: eventKey(today, (event as StoredEvent).eventId) }),
    )
    expect(Item?.expiresAt).toBe(Date.parse(`${addDays(today, 730)}T00:00:00+07:00`) / 1000)
  })
})
