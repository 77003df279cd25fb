import { mkdir } from 'node:fs/promises'
import { Worker } from 'node:worker_threads'
import S3rver from 's3rver'
import type { Day } from '../../shared/time.js'
import { type Config, config } from '../config.js'
import type { StoredEvent } from '../store/events.js'

/** An embedded server on a free loopback port. */
export interface EmbeddedServer {
  endpoint: string
  /** Closes the server; a DynamoDB store is flushed to disk before this resolves. */
  close(): Promise<void>
}

/**
 * Starts dynalite (DynamoDB-compatible) in a worker thread of this process, on a free loopback port;
 * persisted under `path`, in memory without one. Closing it flushes LevelDB before resolving.
 */
export async function startDynamoServer(path?: string): Promise<EmbeddedServer> {
  if (path) await mkdir(path, { recursive: true })
  const worker = startTsWorker('./dynalite-worker.ts', { path })
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', (m: { port: number }) => resolve(m.port))
  })
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      const closed = new Promise((resolve) => worker.once('message', resolve))
      worker.postMessage('close')
      await closed
      await worker.terminate()
    },
  }
}

/** A worker thread running the TypeScript module `module` (beside this file), given `data`. */
function startTsWorker(module: string, data: Record<string, unknown> = {}): Worker {
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), {
    workerData: { ...data, module: new URL(module, import.meta.url).href },
  })
}

/**
 * Stores events from a worker thread (functions/local/store-worker.ts) with this thread's configuration;
 * answers the days stored, like `persistEvents`. A worker that dies fails what it was
 * storing (the journal keeps and retries it) and is started again for the next call.
 */
export function startStoreWorker(configuration: Config = config()) {
  const waiting = new Map<number, { resolve: (days: Set<Day>) => void; reject: (err: Error) => void }>()
  let nextId = 0
  let worker: Worker | undefined
  let closing = false
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err)
    waiting.clear()
  }
  const spawn = () => {
    const w = startTsWorker('./store-worker.ts', { config: configuration })
    w.on('message', (m: { id: number; days?: Day[]; error?: string }) => {
      const pending = waiting.get(m.id)
      waiting.delete(m.id)
      if (m.error !== undefined) pending?.reject(new Error(m.error))
      else pending?.resolve(new Set(m.days))
    })
    w.on('error', failAll)
    w.once('exit', (code) => {
      if (worker === w) worker = undefined
      if (!closing) failAll(new Error(`The store worker stopped (exit code ${code})`))
    })
    return w
  }
  return {
    store: (events: readonly StoredEvent[]) =>
      new Promise<Set<Day>>((resolve, reject) => {
        const id = nextId++
        waiting.set(id, { resolve, reject })
        worker ??= spawn()
        worker.postMessage({ id, events })
      }),
    close: async () => {
      closing = true
      await worker?.terminate()
    },
  }
}

/** Starts s3rver (S3-compatible), storing objects under `directory`. */
export async function startS3Server(directory: string): Promise<EmbeddedServer> {
  await mkdir(directory, { recursive: true })
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true })
  const { port } = await server.run()
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      server.httpServer?.closeAllConnections()
      await server.close()
    },
  }
}
