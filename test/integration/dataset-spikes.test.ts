import { beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { recordDownloads } from '../../functions/ingest/record.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import type { IntegrityResponse } from '../../shared/api.js'
import { addMonths, bangkokDay, bangkokMonth, monthRange } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA, getJson } from '../fixtures/http.js'

const now = clock.now()
const month = bangkokMonth(now)

/** `n` downloads of a resource at `at`, each by its own client (no double clicks, no shared sessions). */
const downloads = (resourceId: string, n: number, at: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    resourceId,
    eventId: `${tag}-${i}`,
    occurredAt: new Date(at).toISOString(),
    clientIp: `10.${(i >> 8) & 255}.${i & 255}.${tag.length}`,
    userAgent: BROWSER_UA,
  }))

beforeAll(async () => {
  await storeCatalog(buildCatalog(1, 2))
  const events = []
  // Six calm months, then this month: dataset 1-1 jumps from 10 to 300; dataset 1-2 stays at 150.
  for (let back = 6; back >= 1; back--) {
    const m = addMonths(month, -back)
    const mid = monthRange(m).start + 14 * 86_400_000
    events.push(
      ...downloads('resource-1-1', 10, mid, `calm-${m}`),
      ...downloads('resource-1-2', 150, mid, `steady-${m}`),
    )
  }
  events.push(
    ...downloads('resource-1-1', 300, now, 'spike'),
    ...downloads('resource-1-2', 150, now, 'steady-now'),
  )
  for (let i = 0; i < events.length; i += 500) {
    const result = await recordDownloads(events.slice(i, i + 500), { ip: '', userAgent: '' }, now)
    expect(result.rejected).toEqual([])
  }
  const days = new Set(events.map((e) => bangkokDay(Date.parse(e.occurredAt))))
  await runRollup(now, days)
})

describe('dataset spikes in the integrity of an agency', () => {
  it('flags the dataset whose month jumps against its own history, with the evidence, and not the steady one', async () => {
    const { status, body } = await getJson<IntegrityResponse>(
      `/v1/agencies/agency-1/integrity?month=${month}`,
    )
    expect(status).toBe(200)
    const byId = new Map(body.datasets.map((d) => [d.datasetId, d]))
    expect(byId.get('dataset-1-1')?.spike).toMatchObject({
      warning: true,
      evidence: { month, downloads: 300, baseline: 10, factor: 30 },
    })
    expect(byId.get('dataset-1-2')?.spike).toMatchObject({
      warning: false,
      evidence: { downloads: 150, baseline: 150 },
    })
    // Warnings first.
    expect(body.datasets[0]?.datasetId).toBe('dataset-1-1')
  })

  it('leaves datasets with too few downloads to spike unjudged', async () => {
    const { body } = await getJson<IntegrityResponse>(
      `/v1/agencies/agency-1/integrity?month=${addMonths(month, -1)}`,
    )
    const calm = body.datasets.find((d) => d.datasetId === 'dataset-1-1')
    expect(calm?.downloads).toBe(10)
    expect(calm?.spike).toBeNull()
  })
})
