import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedServers } from '../../functions/local/embedded.js'

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string
    s3Endpoint: string
  }
}

/** Starts the embedded DynamoDB- and S3-compatible servers once for the integration tests. */
export default async function setup(project: TestProject) {
  const s3Dir = await mkdtemp(join(tmpdir(), 'ogd-s3-'))
  const servers = await startEmbeddedServers({ s3Dir })
  project.provide('dynamodbEndpoint', servers.dynamodbEndpoint)
  project.provide('s3Endpoint', servers.s3Endpoint)
  return async () => {
    await servers.close()
    await rm(s3Dir, { recursive: true, force: true })
  }
}
