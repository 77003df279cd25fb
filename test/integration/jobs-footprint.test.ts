import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  CATALOG_SYNC_WRITE_PARTITIONS,
  MONTHLY_WRITE_PARTITIONS,
  ROLLUP_WRITE_PARTITIONS,
} from '../../cdk/constructs/jobs.js'
import { clock } from '../../functions/clock.js'
import { resetConfig } from '../../functions/config.js'
import { recordDownloads } from '../../functions/ingest/record.js'
import { catalogSyncHandler, rollupHandler } from '../../functions/jobs/lambda.js'
import { monthlyHandler } from '../../functions/jobs/monthly-lambda.js'
import { saveEvents } from '../../functions/store/events.js'
import { getDaySalt } from '../../functions/store/salts.js'
import { addDays, bangkokDay, bangkokMonth, dayStart } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { buildCkanPortal } from '../fixtures/ckan.js'
import { BROWSER_UA } from '../fixtures/http.js'
import { type CkanServer, startCkanServer } from '../support/ckan-server.js'
import { outside, recordWrites, unused } from '../support/footprint.js'

const tenDaysAgo = clock.now() - 10 * 86_400_000
let ckan: CkanServer

beforeAll(async () => {
  await storeCatalog(buildCatalog(2, 2))
  const client = { ip: '192.0.2.1', userAgent: BROWSER_UA }
  // Today's downloads, a late one (its day is marked for the rollup), and a salt old enough to be deleted.
  // (One in a session the sender named: the rollup keeps how many addresses share it.)
  await recordDownloads(
    [{ resourceId: 'resource-1-1', sessionId: 'session-1' }, { resourceId: 'resource-2-1' }],
    client,
  )
  await recordDownloads(
    [{ resourceId: 'resource-1-2', eventId: 'late-1', occurredAt: new Date(tenDaysAgo).toISOString() }],
    client,
  )
  await getDaySalt(addDays(bangkokDay(clock.now()), -5))
  // An event of yesterday stored before incremental counting (no pending mark): a recount keeps it by address.
  const yesterday = addDays(bangkokDay(clock.now()), -1)
  await saveEvents([
    {
      eventId: 'before-incremental',
      day: yesterday,
      resourceId: 'resource-1-1',
      datasetId: 'dataset-1-1',
      agencyId: 'agency-1',
      at: dayStart(yesterday) + 3_600_000,
      client: 'client-1',
      address: 'address-1',
      clientClass: 'regular',
      userAgent: BROWSER_UA,
      receivedAt: dayStart(addDays(yesterday, 3)),
    },
  ])
  ckan = await startCkanServer(buildCkanPortal(3, 12))
  process.env.CKAN_URL = ckan.url
  resetConfig()
  vi.spyOn(console, 'log').mockImplementation(() => {})
})

afterAll(async () => {
  delete process.env.CKAN_URL
  resetConfig()
  vi.restoreAllMocks()
  await ckan.close()
})

/** Runs a job and answers the partitions it wrote to. */
async function footprint(name: string, job: () => Promise<unknown>): Promise<string[]> {
  const recorder = recordWrites(name)
  try {
    await job()
  } finally {
    recorder.stop()
  }
  return recorder.written
}

describe('what each scheduled job writes on AWS (cdk/constructs/jobs.ts grants no more)', () => {
  it.each([
    ['the rollup', () => rollupHandler(), ROLLUP_WRITE_PARTITIONS],
    [
      'the monthly run (recount and report, no sender configured)',
      async () => {
        await monthlyHandler({ month: bangkokMonth(tenDaysAgo), steps: ['recount', 'report'] })
        // A recount of the month holding yesterday (as on the 1st) recounts a live day with its state.
        await monthlyHandler({
          month: addDays(bangkokDay(clock.now()), -1).slice(0, 7),
          steps: ['recount'],
        })
      },
      MONTHLY_WRITE_PARTITIONS,
    ],
    ['the catalog sync', () => catalogSyncHandler(), CATALOG_SYNC_WRITE_PARTITIONS],
  ] as const)(
    '%s writes only to the partitions its policy allows, and to each of them',
    async (name, job, allowed) => {
      const written = await footprint(name, job)
      expect(written.length).toBeGreaterThan(0)
      expect(outside(written, allowed)).toEqual([])
      expect(unused(written, allowed)).toEqual([])
    },
  )
})
