import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDynamoServer } from '../../functions/local/embedded.js'

/**
 * An embedded DynamoDB-compatible server on disk in a temporary directory, with the environment the store
 * modules read (set before they are imported): a benchmark's own table, as of `now`. `close()` stops the server
 * and removes the directory.
 */
export async function startBenchStore(name: string, now: string) {
  const dir = await mkdtemp(join(tmpdir(), `bench-${name}-`))
  const server = await startDynamoServer(join(dir, 'dynamodb'))
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: server.endpoint,
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    TABLE_NAME: `bench-${name}`,
    OGD_NOW: now,
  })
  return {
    dir,
    async close() {
      await server.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
