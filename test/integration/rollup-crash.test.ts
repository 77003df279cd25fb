import { beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { recordDownloads } from '../../functions/ingest/record.js'
import { computeDayCounts, runRollup } from '../../functions/jobs/rollup.js'
import { getPeriodCounts, writeDayCounts } from '../../functions/store/counts.js'
import { interruptedRollupMonths, noteRollupIntent } from '../../functions/store/events.js'
import { periodCountChanges } from '../../shared/counting/period-counts.js'
import { bangkokDay, fiscalYearOfMonth } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA } from '../fixtures/http.js'

beforeAll(() => storeCatalog(buildCatalog(1, 1)))

const at = clock.now() - 3 * 86_400_000
const day = bangkokDay(at)
const month = day.slice(0, 7)
const downloadsOf = async (period: Parameters<typeof getPeriodCounts>[0]) =>
  (await getPeriodCounts(period)).agencies.get('agency-1')?.downloads ?? 0

async function download(n: number, from: number) {
  const events = Array.from({ length: n }, (_, i) => ({
    resourceId: 'resource-1-1',
    eventId: `crash-${from + i}`,
    occurredAt: new Date(at + (from + i) * 60_000).toISOString(),
    clientIp: `192.0.2.${from + i}`,
    userAgent: BROWSER_UA,
  }))
  expect(await recordDownloads(events, { ip: '198.51.100.1', userAgent: '' })).toMatchObject({ accepted: n })
}

describe('a rollup killed between a day and its month', () => {
  it('leaves a note, and the next rollup rebuilds the month and fiscal year from the days', async () => {
    await download(2, 0)
    await runRollup()
    expect(await downloadsOf({ month })).toBe(2)
    expect(await interruptedRollupMonths()).toEqual([])

    // Three late downloads, then a rollup that dies after writing the day's counts, before its month's.
    await download(3, 2)
    await noteRollupIntent([month])
    const next = await computeDayCounts(day)
    await writeDayCounts(day, next, periodCountChanges(next, await getPeriodCounts({ day })))
    expect([await downloadsOf({ day }), await downloadsOf({ month })]).toEqual([5, 2])

    await runRollup()
    expect(await downloadsOf({ day })).toBe(5)
    expect(await downloadsOf({ month })).toBe(5)
    expect(await downloadsOf({ fy: fiscalYearOfMonth(month) })).toBe(5)
    expect(await interruptedRollupMonths()).toEqual([])
  })
})
