import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { resetConfig } from '../config.js'
import { onEventsRecorded } from '../ingest/record.js'
import { runRollup } from '../jobs/rollup.js'
import { resetClients } from '../store/clients.js'
import { ensureBucket, ensureTable } from '../store/setup.js'
import { removeRuntimeFile, useEmbeddedCredentials, writeRuntimeFile } from './connect.js'
import { type EmbeddedServer, startDynamoServer, startS3Server } from './embedded.js'
import { buildWebIfNeeded } from './web-assets.js'

export interface LocalOptions {
  port: number
  host?: string
  dataDir: string
  seedDemo: boolean
  buildWeb?: boolean
  log?: (msg: string) => void
}

export interface LocalRuntime {
  url: string
  ingestKey: string
  dataDir: string
  seeding: Promise<unknown>
  close(): Promise<void>
}

/** A secret kept in the data directory, made on first start. */
async function persistentSecret(dataDir: string, name: string): Promise<string> {
  const file = join(dataDir, name)
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim()
  const secret = randomBytes(24).toString('base64url')
  await writeFile(file, `${secret}\n`, { mode: 0o600 })
  return secret
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

/** Starts the whole product in this process: embedded stores, API, ingest, dashboard, rollups. */
export async function startLocal(options: LocalOptions): Promise<LocalRuntime> {
  const log = options.log ?? console.log
  const host = options.host ?? '127.0.0.1'
  const dataDir = resolve(options.dataDir)
  const authMode = process.env.AUTH_MODE ?? 'dev'
  if (authMode === 'dev' && !LOOPBACK.has(host)) {
    throw new Error(`AUTH_MODE=dev listens on loopback only; refusing host ${host}`)
  }
  await mkdir(dataDir, { recursive: true })
  // Embedded servers stand in for every store whose endpoint is not given.
  const embedded: EmbeddedServer[] = []
  if (!process.env.DYNAMODB_ENDPOINT) {
    const server = await startDynamoServer(join(dataDir, 'dynamodb'))
    embedded.push(server)
    process.env.DYNAMODB_ENDPOINT = server.endpoint
  }
  if (!process.env.S3_ENDPOINT) {
    const server = await startS3Server(join(dataDir, 's3'))
    embedded.push(server)
    process.env.S3_ENDPOINT = server.endpoint
    useEmbeddedCredentials()
  }
  process.env.AWS_REGION ??= 'ap-southeast-1'
  process.env.AUTH_MODE = authMode
  const ingestKey =
    process.env.INGEST_API_KEYS?.split(',')[0]?.trim() || (await persistentSecret(dataDir, 'ingest-key'))
  process.env.INGEST_API_KEYS ||= ingestKey
  process.env.DEV_SIGNING_KEY ??= await persistentSecret(dataDir, 'dev-signing-key')
  resetConfig()
  resetClients()

  await ensureTable()
  await ensureBucket()
  await writeRuntimeFile(dataDir, {
    dynamodbEndpoint: process.env.DYNAMODB_ENDPOINT as string,
    s3Endpoint: process.env.S3_ENDPOINT as string,
  })
  if (options.buildWeb !== false) await buildWebIfNeeded(log)

  const { createLocalApp } = await import('./server-app.js')
  const app = createLocalApp()
  const server = serve({ fetch: app.fetch, port: options.port, hostname: host })
  // A slow client may not hold a connection open: headers within 10 s, the whole request within 30 s.
  Object.assign(server, { headersTimeout: 10_000, requestTimeout: 30_000 })
  await new Promise<void>((r) => server.once('listening', () => r()))
  const port = (server.address() as AddressInfo).port
  const url = `http://${host === '::1' ? '[::1]' : host}:${port}`

  // Rollups recount whole days, so they are spaced by at least three times the last one's duration
  // (and 300 ms): under heavy ingest they take a bounded share of this one process.
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let lastDurationMs = 0
  let lastEnd = 0
  const schedule = (minDelay: number) => {
    const wait = Math.max(minDelay, lastEnd + 3 * lastDurationMs - Date.now())
    timer ??= setTimeout(rollup, wait)
  }
  const rollup = async () => {
    const days = pending
    pending = new Set()
    const started = Date.now()
    try {
      await runRollup(Date.now(), days)
    } catch (err) {
      log(`rollup failed: ${(err as Error).message}`)
    } finally {
      lastEnd = Date.now()
      lastDurationMs = lastEnd - started
      timer = undefined
      if (pending.size > 0) schedule(300)
    }
  }
  const unsubscribe = onEventsRecorded((days) => {
    for (const d of days) pending.add(d)
    schedule(300)
  })
  const every = setInterval(() => schedule(0), 60_000)

  const seeding = options.seedDemo ? seedIfEmpty(log, rollup) : Promise.resolve()

  return {
    url,
    ingestKey,
    dataDir,
    seeding,
    async close() {
      clearInterval(every)
      unsubscribe()
      await new Promise<void>((r) => {
        server.close(() => r())
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
      await seeding.catch(() => undefined)
      if (timer) clearTimeout(timer)
      await rollup()
      resetClients()
      await Promise.all(embedded.map((s) => s.close()))
      await removeRuntimeFile(dataDir)
    },
  }
}

async function seedIfEmpty(log: (msg: string) => void, rollup: () => Promise<void>) {
  const { listAgencies } = await import('../store/catalog.js')
  if ((await listAgencies()).length > 0) return
  const { seedDemo } = await import('../demo/seed.js')
  log('Empty store: loading demo data…')
  const started = Date.now()
  const result = await seedDemo({
    onProgress: (done, total) => {
      if (done === total || done % 5000 === 0) log(`  demo downloads ${done}/${total}`)
    },
  })
  await rollup()
  log(
    `Demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.agencies} agencies, ${result.datasets} datasets, ${result.events} downloads`,
  )
}
