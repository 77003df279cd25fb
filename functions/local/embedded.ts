import { mkdir } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import dynalite from 'dynalite'
import S3rver from 's3rver'

/** An embedded server on a free loopback port. */
export interface EmbeddedServer {
  endpoint: string
  /** Closes the server; a DynamoDB store is flushed to disk before this resolves. */
  close(): Promise<void>
}

/** Starts dynalite (DynamoDB-compatible); persisted under `path`, in memory without one. */
export async function startDynamoServer(path?: string): Promise<EmbeddedServer> {
  if (path) await mkdir(path, { recursive: true })
  const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0 })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
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

export interface EmbeddedServers {
  dynamodbEndpoint: string
  s3Endpoint: string
  close(): Promise<void>
}

/** Both servers: persisted under `dataDir` (`dynamodb/`, `s3/`), or DynamoDB in memory and S3 in `s3Dir`. */
export async function startEmbeddedServers(options: {
  dataDir?: string
  s3Dir?: string
}): Promise<EmbeddedServers> {
  const s3Dir = options.dataDir ? join(options.dataDir, 's3') : options.s3Dir
  if (!s3Dir) throw new Error('startEmbeddedServers needs dataDir or s3Dir')
  const [dynamo, s3] = await Promise.all([
    startDynamoServer(options.dataDir ? join(options.dataDir, 'dynamodb') : undefined),
    startS3Server(s3Dir),
  ])
  return {
    dynamodbEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    close: async () => {
      await Promise.all([dynamo.close(), s3.close()])
    },
  }
}
