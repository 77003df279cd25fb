import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { recordDownloads } from '../../functions/ingest/record.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import { dynamo, table } from '../../functions/store/clients.js'
import { getPeriodCounts } from '../../functions/store/counts.js'
import { EVENT_SHARDS, eventKey } from '../../functions/store/keys.js'
import { getDaySalt, SALT_CACHE_MS } from '../../functions/store/salts.js'
import { addDays, addMonths, bangkokDay, bangkokMonth, dayStart, monthRange } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA } from '../fixtures/http.js'

beforeAll(() => storeCatalog(buildCatalog(1, 1)))

async function everyItem() {
  const out = await dynamo().send(new ScanCommand({ TableName: table() }))
  return out.Items ?? []
}

describe('privacy (PDPA)', () => {
  it('never stores the raw IP address', async () => {
    const ip = '203.0.113.77'
    await recordDownloads([{ resourceId: 'resource-1-1', clientIp: ip, userAgent: BROWSER_UA }], {
      ip: '198.51.100.1',
      userAgent: '',
    })
    await recordDownloads([{ resourceId: 'resource-1-1' }], { ip: '198.51.100.99', userAgent: BROWSER_UA })
    const dump = JSON.stringify(await everyItem())
    expect(dump).not.toContain(ip)
    expect(dump).not.toContain('198.51.100.99')
  })

  it('deletes day salts once they are no longer needed', async () => {
    const today = bangkokDay(clock.now())
    for (const back of [2, 5, 30]) await getDaySalt(addDays(today, -back))
    const result = await runRollup()
    expect(result?.saltsDeleted).toBeGreaterThanOrEqual(3)
    const salts = (await everyItem()).filter((i) => i.pk === 'SALT').map((i) => i.sk)
    expect(salts.every((day) => day >= addDays(today, -1))).toBe(true)
  })
})

describe('salts', () => {
  it('are not kept in memory long after another process deleted them, and carry a TTL backstop', async () => {
    const day = addDays(bangkokDay(clock.now()), -1)
    const t0 = clock.now()
    const first = await getDaySalt(day, t0)
    const item = (await everyItem()).find((i) => i.pk === 'SALT' && i.sk === day)
    expect(item?.expiresAt).toBe(Math.floor(dayStart(day) / 1000) + 3 * 86_400)
    // The rollup of another process deletes it…
    await dynamo().send(new DeleteCommand({ TableName: table(), Key: { pk: 'SALT', sk: day } }))
    // …this process may use its copy a little longer, but not past SALT_CACHE_MS.
    expect((await getDaySalt(day, t0 + 60_000)).equals(first)).toBe(true)
    expect((await getDaySalt(day, t0 + SALT_CACHE_MS + 1)).equals(first)).toBe(false)
  })
})

describe('periods are cut in Bangkok time', () => {
  it('counts a download 1 s before a Bangkok month starts in the previous month, 1 s after in the new one', async () => {
    const now = clock.now()
    const month = bangkokMonth(now)
    const { start } = monthRange(month)
    await recordDownloads(
      [
        {
          resourceId: 'resource-1-1',
          eventId: 'edge-before',
          occurredAt: new Date(start - 1000).toISOString(),
          clientIp: '192.0.2.1',
          userAgent: BROWSER_UA,
        },
        {
          resourceId: 'resource-1-1',
          eventId: 'edge-after',
          occurredAt: new Date(start + 1000).toISOString(),
          clientIp: '192.0.2.2',
          userAgent: BROWSER_UA,
        },
      ],
      { ip: '', userAgent: '' },
      now,
    )
    await runRollup(now, [bangkokDay(start - 1000), bangkokDay(start + 1000)])
    const previous = await getPeriodCounts({ month: addMonths(month, -1) })
    const current = await getPeriodCounts({ month })
    expect(previous.agencies.get('agency-1')?.downloads).toBe(1)
    expect(current.agencies.get('agency-1')?.downloads).toBeGreaterThanOrEqual(1)
  })
})

describe('hot datasets', () => {
  it('spread one day of events over all shards by event id', () => {
    const day = bangkokDay(clock.now())
    const shards = new Set(Array.from({ length: 1000 }, (_, i) => eventKey(day, `hot-${i}`).pk))
    expect(shards.size).toBe(EVENT_SHARDS)
  })
})
