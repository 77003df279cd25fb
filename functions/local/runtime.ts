import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { serve } from '@hono/node-server'
import type { Portal } from '../../shared/portals.js'
import { addDays, bangkokDay } from '../../shared/time.js'
import { clock } from '../clock.js'
import { type Config, type Env, loadConfig, useConfig } from '../config.js'
import type { OnRecorded } from '../ingest/record.js'
import { clearResourceCache } from '../ingest/resources.js'
import { runRollup } from '../jobs/rollup.js'
import { clearCatalogCache } from '../read-model/catalog.js'
import { resetClients } from '../store/clients.js'
import { ensureBucket, ensureTable } from '../store/setup.js'
import { EMBEDDED_CREDENTIALS, persistentSecret, removeRuntimeFile, writeRuntimeFile } from './connect.js'
import { type EmbeddedServer, startDynamoServer, startS3Server, startStoreWorker } from './embedded.js'
import { DownloadJournal } from './journal.js'
import { startMonthlyRuns } from './monthly.js'
import { UncountedTracker } from './uncounted.js'
import { buildWebIfNeeded } from './web-assets.js'

export interface LocalOptions {
  /** The environment the configuration is read from (`process.env` for `npm start`). */
  env: Env
  port: number
  host?: string
  dataDir: string
  seedDemo: boolean
  buildWeb?: boolean
  /** Runs the monthly report schedule (and last month's report once, if missing). @default true */
  monthlyReports?: boolean
  /**
   * How long a client may take to send its headers, and its whole request, before the server drops it.
   * @default { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 }
   */
  slowClients?: { headersTimeoutMs: number; requestTimeoutMs: number }
  log?: (msg: string) => void
}

export interface LocalRuntime {
  url: string
  ingestKey: string
  dataDir: string
  seeding: Promise<unknown>
  /** Resolves when every download acknowledged so far is stored in the table and counted by a rollup. */
  settled(): Promise<void>
  close(): Promise<void>
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

/** Starts the whole product in this process: embedded stores, API, ingest, dashboard, rollups. */
export async function startLocal(options: LocalOptions): Promise<LocalRuntime> {
  const log = options.log ?? console.log
  const host = options.host ?? '127.0.0.1'
  const dataDir = resolve(options.dataDir)
  const given = loadConfig(options.env)
  if (given.authMode === 'dev' && !LOOPBACK.has(host)) {
    throw new Error(`AUTH_MODE=dev listens on loopback only; refusing host ${host}`)
  }
  await mkdir(dataDir, { recursive: true })
  // Embedded servers stand in for every store whose endpoint is not given.
  const embedded: EmbeddedServer[] = []
  const startEmbedded = async (start: Promise<EmbeddedServer>) => {
    const server = await start
    embedded.push(server)
    return server.endpoint
  }
  const dynamodbEndpoint =
    given.dynamodbEndpoint ?? (await startEmbedded(startDynamoServer(join(dataDir, 'dynamodb'))))
  const s3Endpoint = given.s3Endpoint ?? (await startEmbedded(startS3Server(join(dataDir, 's3'))))
  const ingestKey = given.ingestApiKeys[0] ?? (await persistentSecret(dataDir, 'ingest-key'))
  let config: Config = {
    ...given,
    dynamodbEndpoint,
    s3Endpoint,
    // The embedded S3-compatible server has one account.
    credentials: given.s3Endpoint ? given.credentials : EMBEDDED_CREDENTIALS,
    ingestApiKeys: given.ingestApiKeys.length > 0 ? given.ingestApiKeys : [ingestKey],
    devSigningKey: given.devSigningKey ?? (await persistentSecret(dataDir, 'dev-signing-key')),
    // The email outbox (and anything else kept locally) lives in this data directory.
    dataDir,
    mail: {
      ...given.mail,
      unsubscribeSigningKey:
        given.mail.unsubscribeSigningKey ?? (await persistentSecret(dataDir, 'unsubscribe-key')),
    },
  }
  useConfig(config)

  await ensureTable()
  await ensureBucket()
  await writeRuntimeFile(dataDir, { dynamodbEndpoint, s3Endpoint })
  if (options.buildWeb !== false) await buildWebIfNeeded(log)

  // Rollups count what is new (late days are recounted whole), spaced by at least five times the last one's
  // duration (and 300 ms): under heavy ingest they take a bounded share of this one process. `pending` only
  // says that something was stored: the rollup finds the events itself.
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let lastDurationMs = 0
  let lastEnd = 0
  const schedule = (minDelay: number) => {
    // …but never more than 10 s behind, so the dashboard stays fresh after a long rollup (the demo's).
    const wait = Math.max(minDelay, Math.min(lastEnd + 5 * lastDurationMs, lastEnd + 10_000) - Date.now())
    timer ??= setTimeout(rollup, wait)
  }
  const rollup = async () => {
    const days = pending
    pending = new Set()
    const started = Date.now()
    const take = uncounted.rollupStarting()
    let counted = false
    try {
      // Another process holds the rollup (the CLI, or a killed start whose lease has not run out): try again.
      counted = (await runRollup(clock.now())) !== undefined
      if (!counted) for (const d of days) pending.add(d)
    } catch (err) {
      log(`rollup failed: ${(err as Error).message}`)
    } finally {
      uncounted.rollupFinished(take, counted)
      lastEnd = Date.now()
      lastDurationMs = lastEnd - started
      timer = undefined
      if (pending.size > 0) schedule(300)
    }
  }
  // While the demo loads, it rolls up a month at a time itself (its late days are marked for rollup anyway).
  const demo = { loading: false }
  const stopSeeding = new AbortController()
  // What was acknowledged and is not counted yet: the counting lag DGA sees (GET /v1/status, /healthz).
  const uncounted = new UncountedTracker(() => journal.oldestUnstoredAt)
  const onRecorded = (days: Set<string>, ackedAt = clock.now()) => {
    uncounted.storedEvents(ackedAt)
    const yesterday = addDays(bangkokDay(clock.now()), -1)
    if (demo.loading && [...days].every((d) => d < yesterday)) return
    for (const d of days) pending.add(d)
    schedule(300)
  }
  const every = setInterval(() => schedule(0), 60_000)

  // Downloads are acknowledged once journaled on local disk and stored from there (replaying what a crash
  // left), so a redirect never waits for the table; see docs/decisions.md.
  // …and stored from a worker thread, so the SDK's work for it never sits between two requests.
  const storeWorker = startStoreWorker()
  const journal = await DownloadJournal.open({
    dir: join(dataDir, 'journal'),
    store: async (events) => {
      const ackedAt = Math.min(...events.map((e) => e.receivedAt))
      onRecorded(await storeWorker.store(events), ackedAt)
    },
    onError: (err) => log(`storing journaled downloads failed (kept, retrying): ${(err as Error).message}`),
  })

  const { createLocalApp } = await import('./server-app.js')
  const app = createLocalApp({ journal, onRecorded }, uncounted)
  // A slow client may not hold a connection open: headers within 10 s, the whole request within 30 s, checked
  // every second (Node checks every 30 s by default, which would let a slow client stay up to a minute).
  const slow = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, ...options.slowClients }
  const server = serve({
    fetch: app.fetch,
    port: options.port,
    hostname: host,
    serverOptions: {
      headersTimeout: slow.headersTimeoutMs,
      requestTimeout: slow.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, slow.headersTimeoutMs / 2),
    },
  })
  await new Promise<void>((r) => server.once('listening', () => r()))
  const port = (server.address() as AddressInfo).port
  const url = `http://${host === '::1' ? '[::1]' : host}:${port}`
  // Links in emails point at this dashboard unless DASHBOARD_URL says otherwise.
  if (options.env.DASHBOARD_URL === undefined) {
    config = { ...config, mail: { ...config.mail, dashboardUrl: url } }
    useConfig(config)
  }

  // With CKAN portals the catalog comes from them (at start, then daily) instead of the demo.
  const portals = config.portals
  const daily =
    portals.length > 0 ? setInterval(() => void syncFromCkan(portals, log), 86_400_000) : undefined
  const seeding =
    portals.length > 0
      ? syncFromCkan(portals, log)
      : options.seedDemo
        ? seedIfEmpty(log, rollup, demo, dataDir, stopSeeding.signal, onRecorded)
        : Promise.resolve()
  // The monthly report runs on its schedule once the data is in place, so it never slows the demo's load.
  let stopReports: (() => Promise<void>) | undefined
  void seeding.then(() => {
    if (!stopSeeding.signal.aborted && options.monthlyReports !== false) stopReports = startMonthlyRuns(log)
  })

  return {
    url,
    ingestKey,
    dataDir,
    seeding,
    async settled() {
      await journal.drained()
      clearTimeout(timer)
      await rollup()
    },
    async close() {
      clearInterval(every)
      clearInterval(daily)
      stopSeeding.abort()
      await new Promise<void>((r) => {
        server.close(() => r())
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
      await seeding.catch(() => undefined)
      await stopReports?.()
      await journal.close()
      await storeWorker.close()
      if (timer) clearTimeout(timer)
      await rollup()
      resetClients()
      await Promise.all(embedded.map((s) => s.close()))
      await removeRuntimeFile(dataDir)
    },
  }
}

/**
 * Loads the demo into an empty store, and finishes loading it when a previous start was stopped midway (a
 * marker file in the data directory says the demo is complete; reloading skips the events already stored).
 */
async function seedIfEmpty(
  log: (msg: string) => void,
  rollup: () => Promise<void>,
  demo: { loading: boolean },
  dataDir: string,
  signal: AbortSignal,
  onRecorded: OnRecorded,
) {
  const { listAgencies } = await import('../store/catalog.js')
  const complete = join(dataDir, 'demo-complete')
  const hasCatalog = (await listAgencies()).length > 0
  if (hasCatalog && existsSync(complete)) {
    log('Demo data already loaded.')
    return
  }
  if (hasCatalog && !existsSync(join(dataDir, 'demo-started'))) return
  await writeFile(join(dataDir, 'demo-started'), '')
  const { seedDemo } = await import('../demo/seed.js')
  log(
    hasCatalog
      ? 'Finishing the demo data a previous start began…'
      : 'Empty store: loading demo data, the newest month first (browse while older months load)…',
  )
  const started = Date.now()
  demo.loading = true
  try {
    const result = await seedDemo({
      signal,
      onRecorded,
      // Each month is counted as soon as it is loaded, so the dashboard fills in month by month.
      onMonthLoaded: async (month, events) => {
        await rollup()
        log(`  demo downloads: ${month} loaded and counted (${events} events so far)`)
      },
    })
    await rollup()
    if (signal.aborted) return
    await writeFile(complete, '')
    log(
      `Demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.agencies} agencies, ${result.datasets} datasets, ${result.events} downloads`,
    )
  } catch (err) {
    log(`Demo data could not be loaded: ${(err as Error).message}`)
  } finally {
    demo.loading = false
  }
}

/**
 * Syncs the catalog from the CKAN portals (at start and daily); a portal that fails is logged and its part of
 * the catalog kept.
 */
async function syncFromCkan(portals: readonly Portal[], log: (msg: string) => void) {
  const { syncCatalog } = await import('../catalog/sync.js')
  log(`Syncing the catalog from ${portals.map((p) => p.url).join(', ')}…`)
  try {
    const { totals, ok, error } = await syncCatalog(portals)
    // Ingest and the API share this process: both read the new catalog at once.
    clearResourceCache()
    clearCatalogCache()
    log(`Catalog synced: ${totals?.agencies.active} agencies, ${totals?.datasets.active} datasets`)
    if (!ok) log(`Some portals failed (their part of the catalog is unchanged): ${error}`)
  } catch (err) {
    log(`Catalog sync failed (the catalog is unchanged): ${(err as Error).message}`)
  }
}
