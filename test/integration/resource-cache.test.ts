import { beforeAll, describe, expect, it } from 'vitest'
import { createIngestApp } from '../../functions/ingest/app.js'
import { clearResourceCache, resolveResources } from '../../functions/ingest/resources.js'
import { dynamo } from '../../functions/store/clients.js'
import { getDaySalt } from '../../functions/store/salts.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA } from '../fixtures/http.js'

const ingestApp = createIngestApp()

beforeAll(() => storeCatalog(buildCatalog(1, 3)))

/** Counts the reads of each kind this process sends (the real client, observed on its way out). */
async function readsOf(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const reads: Record<string, number> = {}
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? ''
      if (/^(Get|BatchGet|Query)/.test(name)) reads[name] = (reads[name] ?? 0) + 1
      return next(args)
    },
    { step: 'initialize', name: 'countReads' },
  )
  try {
    await work()
  } finally {
    dynamo().middlewareStack.remove('countReads')
  }
  return reads
}
const catalogReads = async (work: () => Promise<unknown>) => (await readsOf(work)).BatchGetItemCommand ?? 0

describe('the caches of ingest', () => {
  it("reads the day's salt once when many downloads need it at once", async () => {
    const day = '2025-05-05'
    const reads = await readsOf(() => Promise.all(Array.from({ length: 50 }, () => getDaySalt(day))))
    expect(reads.GetItemCommand).toBe(1)
    const salts = await Promise.all([getDaySalt(day), getDaySalt(day)])
    expect(salts[0]?.equals(salts[1] as Buffer)).toBe(true)
  })

  it('reads a resource once when many downloads of it arrive at once, and answers them all', async () => {
    clearResourceCache()
    let answers: Response[] = []
    const reads = await catalogReads(async () => {
      answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          ingestApp.request('/d/resource-1-2', { headers: { 'user-agent': BROWSER_UA } }),
        ),
      )
    })
    expect(reads).toBe(1)
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(302))
  })

  it('shares a lookup only between the same resources, and caches unknown ones too', async () => {
    clearResourceCache()
    const reads = await catalogReads(async () => {
      const [a, b] = await Promise.all([
        resolveResources(['resource-1-1', 'unknown-1']),
        resolveResources(['resource-1-1', 'resource-1-3']),
      ])
      expect([a.get('resource-1-1')?.datasetId, a.has('unknown-1'), a.get('unknown-1')]).toEqual([
        'dataset-1-1',
        true,
        undefined,
      ])
      expect(b.get('resource-1-3')?.datasetId).toBe('dataset-1-3')
      await resolveResources(['unknown-1', 'resource-1-3'])
    })
    expect(reads).toBe(2)
  })
})
