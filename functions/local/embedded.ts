import { mkdir } from 'node:fs/promises'
import { Worker } from 'node:worker_threads'
import S3rver from 's3rver'

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
  const worker = new Worker(new URL('./dynalite-worker-entry.mjs', import.meta.url), { workerData: { path } })
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
