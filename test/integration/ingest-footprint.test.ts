import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import { INGEST_WRITE_PARTITIONS } from '../../cdk/constructs/api.js'
import { clock } from '../../functions/clock.js'
import { createIngestApp } from '../../functions/ingest/app.js'
import { dynamo, table } from '../../functions/store/clients.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA, INGEST_KEY } from '../fixtures/http.js'
import { outside } from '../support/footprint.js'

const ingestApp = createIngestApp()

async function partitions(): Promise<Set<string>> {
  const out = await dynamo().send(new ScanCommand({ TableName: table() }))
  return new Set((out.Items ?? []).map((i) => i.pk as string))
}

beforeAll(() => storeCatalog(buildCatalog(1, 1)))

describe('what ingest touches', () => {
  it('writes only to the partitions its least-privilege IAM policy allows', async () => {
    const before = await partitions()
    await ingestApp.request('/d/resource-1-1', { headers: { 'user-agent': BROWSER_UA } })
    const res = await ingestApp.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': INGEST_KEY },
      body: JSON.stringify({
        events: [
          { resourceId: 'resource-1-1', eventId: 'now-1' },
          // A late event: marks its day for the rollup.
          {
            resourceId: 'resource-1-1',
            eventId: 'late-1',
            occurredAt: new Date(clock.now() - 10 * 86_400_000).toISOString(),
          },
        ],
      }),
    })
    expect(await res.json()).toMatchObject({ accepted: 2 })
    const written = [...(await partitions())].filter((pk) => !before.has(pk))
    expect(written.some((pk) => pk.startsWith('EVENT#'))).toBe(true)
    expect(written).toContain('ROLLUP#DIRTY')
    // The partitions the ingest function's IAM policy allows (cdk/constructs/api.ts).
    expect(outside(written, INGEST_WRITE_PARTITIONS)).toEqual([])
  })
})
