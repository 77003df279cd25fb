import { afterAll, describe, expect, it } from 'vitest'
import { startStoreWorker } from '../../functions/local/embedded.js'
import { listDayEvents, type StoredEvent } from '../../functions/store/events.js'
import { BROWSER_UA } from '../fixtures/http.js'

const worker = startStoreWorker()
afterAll(() => worker.close())

const event = (eventId: string, day: string): StoredEvent => ({
  eventId,
  day,
  resourceId: 'resource-1-1',
  datasetId: 'dataset-1-1',
  agencyId: 'agency-1',
  at: Date.parse(`${day}T05:00:00Z`),
  client: 'client-1',
  clientClass: 'regular',
  userAgent: BROWSER_UA,
  receivedAt: Date.parse(`${day}T05:00:00Z`),
})

describe('the store worker of the local runtime', () => {
  it('stores events from its own thread, with the same configuration, and answers their days', async () => {
    const events = [event('w-1', '2025-03-01'), event('w-2', '2025-03-01'), event('w-3', '2025-03-02')]
    expect([...(await worker.store(events))].sort()).toEqual(['2025-03-01', '2025-03-02'])
    expect((await listDayEvents('2025-03-01')).map((e) => e.eventId).sort()).toEqual(['w-1', 'w-2'])
    expect((await listDayEvents('2025-03-02')).map((e) => e.eventId)).toEqual(['w-3'])
  })

  it("fails a call the store refuses, with the store's reason, and goes on working", async () => {
    const broken = { ...event('w-4', '2025-03-03'), eventId: '' } // an empty sort key: DynamoDB refuses it
    await expect(worker.store([broken])).rejects.toThrow(/key|empty|length/i)
    expect([...(await worker.store([event('w-5', '2025-03-03')]))]).toEqual(['2025-03-03'])
  })
})
