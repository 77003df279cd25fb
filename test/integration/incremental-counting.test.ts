import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { rulesOfFiscalYear, runRollup } from '../../functions/jobs/rollup.js'
import { getPeriodCounts } from '../../functions/store/counts.js'
import { noteRollupIntent, type StoredEvent, saveEvents } from '../../functions/store/events.js'
import { getAddressEvents, saveSliceEvents } from '../../functions/store/slices.js'
import { type CountableEvent, countDay } from '../../shared/counting/count-day.js'
import { addressOf } from '../../shared/counting/identity.js'
import type { PeriodCounts } from '../../shared/counting/period-counts.js'
import { addDays, bangkokDay, type Day, fiscalYearOfMonth } from '../../shared/time.js'
import { dayEvents } from '../fixtures/day-events.js'

const today = bangkokDay(clock.now())
const stored = (day: Day, e: CountableEvent): StoredEvent => ({
  ...e,
  day,
  userAgent: e.userAgent ?? '',
  receivedAt: clock.now(),
})

/** A period's stored counts of the subjects whose ids start with `prefix`. */
async function countsOf(
  period: Parameters<typeof getPeriodCounts>[0],
  prefix: string,
): Promise<PeriodCounts> {
  const all = await getPeriodCounts(period)
  const mine = <T>(m: Map<string, T>) => new Map([...m].filter(([id]) => id.startsWith(prefix)))
  return { agencies: mine(all.agencies), datasets: mine(all.datasets) }
}

/** What a recount from every raw event gives, as stored counts read back. */
async function expected(day: Day, events: readonly CountableEvent[]): Promise<PeriodCounts> {
  const counts = countDay(events, await rulesOfFiscalYear(fiscalYearOfMonth(day.slice(0, 7))))
  return { agencies: counts.agencies, datasets: counts.datasets }
}

let run = 0

describe('incremental counting', () => {
  it('keeps the counts a recount from raw events gives, whatever order and runs the events come in', async () => {
    const scenario = fc
      .record({ yesterday: fc.boolean(), runs: fc.integer({ min: 1, max: 4 }), seed: fc.integer() })
      .chain(({ yesterday, runs, seed }) => {
        const day = yesterday ? addDays(today, -1) : today
        const prefix = `p${run++}-`
        return dayEvents(prefix, day).chain((events) =>
          fc.record({
            day: fc.constant(day),
            prefix: fc.constant(prefix),
            events: fc.constant(events),
            // Which run stores each event, and whether a later run stores it again (a replay).
            batchOf: fc.array(fc.integer({ min: 0, max: runs - 1 }), {
              minLength: events.length,
              maxLength: events.length,
            }),
            replayed: fc.array(fc.boolean(), { minLength: events.length, maxLength: events.length }),
            order: fc.constant(seed),
          }),
        )
      })
    await fc.assert(
      fc.asyncProperty(scenario, async ({ day, prefix, events, batchOf, replayed }) => {
        const runs = Math.max(...batchOf) + 1
        for (let r = 0; r <= runs; r++) {
          const batch = events.filter((_, i) => batchOf[i] === r || (replayed[i] && batchOf[i] === r - 1))
          await saveEvents(batch.reverse().map((e) => stored(day, e)))
          expect(await runRollup()).toBeDefined()
        }
        const want = await expected(day, events)
        expect(await countsOf({ day }, prefix)).toEqual(want)
        // Months and fiscal years moved by the same differences (these subjects have no other day).
        expect(await countsOf({ month: day.slice(0, 7) }, prefix)).toEqual(want)
        // And a whole recount of the day (the monthly job's safety net) finds nothing to change.
        expect(await runRollup(clock.now(), [day])).toMatchObject({ changed: 0 })
        expect(await countsOf({ day }, prefix)).toEqual(want)
      }),
      { numRuns: 25 },
    )
  })

  it('counts once what a rollup killed after keeping new events had not yet counted', async () => {
    const prefix = 'crash-'
    const events = fc.sample(dayEvents(prefix, today), { numRuns: 1, seed: 19 })[0] as CountableEvent[]
    const [first, second] = [events.slice(0, events.length / 2), events.slice(events.length / 2)]
    await saveEvents(first.map((e) => stored(today, e)))
    await runRollup()
    // The next rollup stores its events by address, then dies before moving any count.
    await saveEvents(second.map((e) => stored(today, e)))
    await noteRollupIntent([today.slice(0, 7)], [today])
    await saveSliceEvents(
      today,
      second.map((e) => ({ address: addressOf(e), event: stored(today, e) })),
    )
    await runRollup()
    await runRollup()
    const want = await expected(today, events)
    expect(await countsOf({ day: today }, prefix)).toEqual(want)
    expect(await countsOf({ month: today.slice(0, 7) }, prefix)).toEqual(want)
    expect(await countsOf({ fy: fiscalYearOfMonth(today.slice(0, 7)) }, prefix)).toEqual(want)
  })

  it("keeps a busy address's day over several items, every event as it came, and counts it as a recount does", async () => {
    const prefix = 'busy-'
    const start = Date.parse(`${today}T08:00:00+07:00`)
    // One address, two user agents (one without an address hash: the client stands in), sessions now and then.
    const events: StoredEvent[] = Array.from({ length: 240 }, (_, i) => ({
      day: today,
      eventId: `${prefix}${String(i).padStart(4, '0')}-a-long-event-id-as-senders-give-them`,
      resourceId: `${prefix}r${Math.floor(i / 4) % 7}`,
      datasetId: `${prefix}d${i % 5}`,
      agencyId: `${prefix}g${(i % 5) % 2}`,
      // Irregular gaps, some within 30 s: double clicks, and no clockwork harvester.
      at: start + i * 20_000 + ((i * i * 7_919) % 25_000),
      client: `${prefix}client-${i % 2}`,
      ...(i % 2 === 0 ? { address: `${prefix}client-1` } : {}),
      clientClass: 'regular',
      userAgent: i % 2 === 0 ? 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0' : 'Mozilla/5.0 Safari/604.1',
      ...(i % 9 === 0 ? { sessionId: `${prefix}s${i % 4}` } : {}),
      receivedAt: clock.now(),
    }))
    for (const part of [events.slice(0, 100), events.slice(100, 110), events.slice(110)]) {
      await saveEvents(part)
      expect(await runRollup()).toBeDefined()
    }
    const kept = (await getAddressEvents(today, [`${prefix}client-1`])).get(`${prefix}client-1`) ?? []
    expect(kept.length).toBeGreaterThan(2)
    const byId = (a: StoredEvent, b: StoredEvent) => (a.eventId < b.eventId ? -1 : 1)
    expect(kept.flat().sort(byId)).toEqual([...events].sort(byId))
    const want = await expected(today, events)
    // The day has downloads, double clicks and the busiest address's share to get right.
    const agency = want.agencies.get(`${prefix}g0`)
    expect(agency).toMatchObject({ downloads: expect.any(Number), doubleClicks: expect.any(Number) })
    expect(agency?.downloads).toBeGreaterThan(0)
    expect(agency?.doubleClicks).toBeGreaterThan(0)
    expect(agency?.topClientDownloads).toBeGreaterThan(0)
    expect(await countsOf({ day: today }, prefix)).toEqual(want)
    expect(await countsOf({ month: today.slice(0, 7) }, prefix)).toEqual(want)
    expect(await runRollup(clock.now(), [today])).toMatchObject({ changed: 0 })
  })
})
