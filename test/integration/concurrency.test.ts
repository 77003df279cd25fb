import { beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { recordDownloads } from '../../functions/ingest/record.js'
import { recomputeMonth, runRollup } from '../../functions/jobs/rollup.js'
import { getPeriodCounts } from '../../functions/store/counts.js'
import { bangkokMonth } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA } from '../fixtures/http.js'

beforeAll(() => storeCatalog(buildCatalog(2, 2)))

describe('concurrent ingest and rollups', () => {
  it('lose no update: every accepted download is counted once', async () => {
    const now = clock.now()
    // One hot resource, 20 batches of 50 distinct clients, sent at once while rollups run.
    const batches = Array.from({ length: 20 }, (_, b) =>
      Array.from({ length: 50 }, (_, i) => ({
        eventId: `c-${b}-${i}`,
        resourceId: 'resource-1-1',
        occurredAt: new Date(now - 1000).toISOString(),
        clientIp: `10.0.${b}.${i}`,
        userAgent: BROWSER_UA,
      })),
    )
    const results = await Promise.all([
      ...batches.map((events) => recordDownloads(events, { ip: '', userAgent: '' }, now)),
      runRollup(now),
      runRollup(now),
    ])
    const accepted = results
      .slice(0, 20)
      .reduce((sum, r) => sum + ((r as { accepted: number }).accepted ?? 0), 0)
    expect(accepted).toBe(1000)
    // Retries of every batch at the same time: all duplicates.
    const retries = await Promise.all(
      batches.map((events) => recordDownloads(events, { ip: '', userAgent: '' }, now)),
    )
    expect(retries.reduce((sum, r) => sum + r.duplicates, 0)).toBe(1000)

    await runRollup(now)
    const month = bangkokMonth(now)
    const live = await getPeriodCounts({ month })
    expect(live.datasets.get('dataset-1-1')?.downloads).toBe(1000)
    expect(live.agencies.get('agency-1')?.downloads).toBe(1000)
    expect(await recomputeMonth(month)).toEqual(live)
  })
})
