import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { type EmbeddedServer, startDynamoServer, startS3Server } from '../../functions/local/embedded.js'
import { startDynamoDbLocal } from './dynamodb-local.js'

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string
    s3Endpoint: string
  }
}

/**
 * Starts the stores once for an integration project: s3rver, and dynalite — or Amazon's DynamoDB Local for
 * the project that checks the code depends on DynamoDB's behaviour, not on one emulator's.
 */
export default async function setup(project: TestProject) {
  const s3Dir = await mkdtemp(join(tmpdir(), 'ogd-s3-'))
  const engine = project.name.endsWith('dynamodb-local') ? 'dynamodb-local' : 'dynalite'
  const servers: EmbeddedServer[] = await Promise.all([
    engine === 'dynamodb-local' ? startDynamoDbLocal() : startDynamoServer(),
    startS3Server(s3Dir),
  ])
  const [dynamo, s3] = servers as [EmbeddedServer, EmbeddedServer]
  project.provide('dynamodbEndpoint', dynamo.endpoint)
  project.provide('s3Endpoint', s3.endpoint)
  return async () => {
    await Promise.all(servers.map((s) => s.close()))
    await rm(s3Dir, { recursive: true, force: true })
  }
}
