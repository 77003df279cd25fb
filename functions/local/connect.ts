import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type Config, type Env, loadConfig, useConfig } from '../config.js'
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

/** The embedded S3-compatible server's one account (the embedded DynamoDB accepts any). */
export const EMBEDDED_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

/**
 * Connects a command-line process to the stores: AWS itself with `aws` (credentials and TABLE_NAME,
 * REPORTS_BUCKET from the environment), the endpoints of the environment when given, else those of a running `npm start` on the same data directory, else embedded servers of its own.
 * Returns a function that releases what it started.
 */
export async function connectStores(
  env: Env,
  options: { dataDir?: string; aws?: boolean } = {},
): Promise<() => Promise<void>> {
  const given = loadConfig(env)
  if (options.aws) {
    useConfig(given)
    return async () => {}
  }
  const dataDir = resolve(options.dataDir ?? given.dataDir)
  // Emails sent from the command line use the data directory's outbox and unsubscribe key, as npm start does.
  const local: Config = {
    ...given,
    dataDir,
    mail: {
      ...given.mail,
      unsubscribeSigningKey:
        given.mail.unsubscribeSigningKey ?? (await persistentSecret(dataDir, 'unsubscribe-key')),
    },
  }
  if (given.dynamodbEndpoint) {
    useConfig(local)
    return async () => {}
  }
  const file = join(dataDir, RUNTIME_FILE)
  const started: EmbeddedServer[] = []
  const running = existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : undefined
  const endpoints =
    running && isAlive(running.pid)
      ? { dynamodbEndpoint: running.dynamodbEndpoint as string, s3Endpoint: running.s3Endpoint as string }
      : await Promise.all([
          startDynamoServer(join(dataDir, 'dynamodb')),
          startS3Server(join(dataDir, 's3')),
        ]).then(([dynamo, s3]) => {
          started.push(dynamo, s3)
          return { dynamodbEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint }
        })
  useConfig({ ...local, ...endpoints, credentials: EMBEDDED_CREDENTIALS })
  await ensureTable()
  await ensureBucket()
  return async () => {
    resetClients()
    await Promise.all(started.map((s) => s.close()))
  }
}
