import { beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { recordDownloads } from '../../functions/ingest/record.js'
import { recomputeMonth, runRollup } from '../../functions/jobs/rollup.js'
import { getPeriodCounts } from '../../functions/store/counts.js'
import { bangkokMonth, fiscalYearOfMonth } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA } from '../fixtures/http.js'

beforeAll(() => storeCatalog(buildCatalog(3, 3)))

describe('recomputing a month from raw events', () => {
  it('gives exactly the counts the incremental rollups kept', async () => {
    const now = clock.now()
    const base = Array.from({ length: 270 }, (_, i) => ({
      eventId: `r-${i}`,
      resourceId: `resource-${(i % 3) + 1}-${((i % 7) % 3) + 1}`,
      occurredAt: new Date(now - (i % 40) * 3_600_000 - (i % 5) * 7_000).toISOString(),
      clientIp: `192.0.2.${i % 9}`,
      userAgent: i % 11 === 0 ? 'curl/8.0' : i % 13 === 0 ? 'Googlebot/2.1' : BROWSER_UA,
    }))
    // Repeats 10 s after an earlier download: double clicks.
    const repeats = base.slice(0, 30).map((e, k) => ({
      ...e,
      eventId: `repeat-${k}`,
      occurredAt: new Date(Date.parse(e.occurredAt) + 10_000).toISOString(),
    }))
    const events = [...base, ...repeats]
    for (let i = 0; i < events.length; i += 100) {
      await recordDownloads(events.slice(i, i + 100), { ip: '127.0.0.1', userAgent: '' }, now)
      await runRollup(now, [])
    }
    // The last 40 hours span two months (and fiscal years) early on the 1st: each is checked.
    const months = [...new Set(events.map((e) => bangkokMonth(Date.parse(e.occurredAt))))]
    const incremental = new Map(
      await Promise.all(months.map(async (m) => [m, await getPeriodCounts({ month: m })] as const)),
    )
    const years = [...new Set(months.map(fiscalYearOfMonth))]
    const fyBefore = await Promise.all(years.map((fy) => getPeriodCounts({ fy })))
    const values = [...incremental.values()].flatMap((counts) => [
      ...counts.agencies.values(),
      ...counts.datasets.values(),
    ])
    expect(values.some((c) => c.doubleClicks > 0)).toBe(true)
    expect(values.some((c) => c.robots > 0)).toBe(true)
    expect(values.some((c) => c.machineDownloads > 0)).toBe(true)
    expect(values.some((c) => c.topClientDownloads > 0)).toBe(true)

    for (const month of months) {
      expect(await recomputeMonth(month)).toEqual(incremental.get(month))
      expect(await getPeriodCounts({ month })).toEqual(incremental.get(month))
    }
    expect(await Promise.all(years.map((fy) => getPeriodCounts({ fy })))).toEqual(fyBefore)
  })
})
