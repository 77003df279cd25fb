import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { resetConfig } from '../config.js'
import { resetClients } from '../store/clients.js'
import { ensureBucket, ensureTable } from '../store/setup.js'
import { type EmbeddedServer, startDynamoServer, startS3Server } from './embedded.js'

const RUNTIME_FILE = 'runtime.json'

/** A secret kept in the data directory, made on first start (and shared by CLI commands on that directory). */
export async function persistentSecret(dataDir: string, name: string): Promise<string> {
  const file = join(dataDir, name)
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim()
  await mkdir(dataDir, { recursive: true })
  const secret = randomBytes(24).toString('base64url')
  await writeFile(file, `${secret}\n`, { mode: 0o600 })
  return secret
}

/** Where a running `npm start` can be reached, so CLI commands share its stores instead of locking them. */
export async function writeRuntimeFile(
  dataDir: string,
  endpoints: { dynamodbEndpoint: string; s3Endpoint: string },
) {
  await writeFile(join(dataDir, RUNTIME_FILE), JSON.stringify({ pid: process.pid, ...endpoints }, null, 2))
}

export async function removeRuntimeFile(dataDir: string) {
  await rm(join(dataDir, RUNTIME_FILE), { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Points the AWS SDK clients at the embedded S3-compatible server's one account. */
export function useEmbeddedCredentials() {
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER'
  delete process.env.AWS_SESSION_TOKEN
  process.env.AWS_REGION ??= 'ap-southeast-1'
}

/**
 * Connects a command-line process to the stores: AWS itself with `aws` (credentials and TABLE_NAME,
 * REPORTS_BUCKET from the environment), the endpoints of the environment when given, else those of a running `npm start` on the same data directory, else embedded servers of its own.
 * Returns a function that releases what it started.
 */
export async function connectStores(
  options: { dataDir?: string; aws?: boolean } = {},
): Promise<() => Promise<void>> {
  if (options.aws) return async () => {}
  const dataDir = resolve(options.dataDir ?? process.env.DATA_DIR ?? '.data')
  // Emails sent from the command line use the data directory's outbox and unsubscribe key, as npm start does.
  process.env.DATA_DIR = dataDir
  process.env.UNSUBSCRIBE_SIGNING_KEY ??= await persistentSecret(dataDir, 'unsubscribe-key')
  if (process.env.DYNAMODB_ENDPOINT) {
    resetConfig()
    return async () => {}
  }
  const file = join(dataDir, RUNTIME_FILE)
  const started: EmbeddedServer[] = []
  const running = existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : undefined
  if (running && isAlive(running.pid)) {
    process.env.DYNAMODB_ENDPOINT = running.dynamodbEndpoint
    process.env.S3_ENDPOINT = running.s3Endpoint
  } else {
    const [dynamo, s3] = await Promise.all([
      startDynamoServer(join(dataDir, 'dynamodb')),
      startS3Server(join(dataDir, 's3')),
    ])
    started.push(dynamo, s3)
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint
    process.env.S3_ENDPOINT = s3.endpoint
  }
  useEmbeddedCredentials()
  resetConfig()
  resetClients()
  await ensureTable()
  await ensureBucket()
  return async () => {
    resetClients()
    await Promise.all(started.map((s) => s.close()))
  }
}
