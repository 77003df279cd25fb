// Stores journaled downloads from a worker thread: the AWS SDK's work for the background writes (marshalling,
// signing, HTTP) runs beside the HTTP server's thread instead of between its requests.
import { parentPort, workerData } from 'node:worker_threads'
import { type Config, useConfig } from '../config.js'
import { persistEvents } from '../ingest/record.js'
import type { StoredEvent } from '../store/events.js'

// The configuration of the thread that started this one (a worker has no other way to know its stores).
useConfig((workerData as { config: Config }).config)

parentPort?.on('message', async (message: { id: number; events: StoredEvent[] }) => {
  try {
    const days = await persistEvents(message.events)
    parentPort?.postMessage({ id: message.id, days: [...days] })
  } catch (err) {
    parentPort?.postMessage({ id: message.id, error: (err as Error).message })
  }
})
