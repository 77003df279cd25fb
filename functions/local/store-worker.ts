// Stores journaled downloads from a worker thread: the AWS SDK's work for the background writes (marshalling,
// signing, HTTP) runs beside the HTTP server's thread instead of between its requests.
import { parentPort } from 'node:worker_threads'
import { persistEvents } from '../ingest/record.js'
import type { StoredEvent } from '../store/events.js'

parentPort?.on('message', async (message: { id: number; events: StoredEvent[] }) => {
  try {
    const days = await persistEvents(message.events)
    parentPort?.postMessage({ id: message.id, days: [...days] })
  } catch (err) {
    parentPort?.postMessage({ id: message.id, error: (err as Error).message })
  }
})
