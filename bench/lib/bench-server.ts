/**
 * The server side of the HTTP benchmarks, run as its own process (so the load generator does not share its
 * core): the local runtime exactly as `npm start` runs it (embedded dynalite in process), a bare Hono app that
 * only redirects (the baseline), and a control port to read consumed write units and run the rollup.
 */
import { mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { startLocal } from '../../functions/local/runtime.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const dataDir = await mkdtemp(join(tmpdir(), 'ogd-bench-'))
// No monthly report: rendering one in this process would land in the middle of a measurement.
const runtime = await startLocal({
  env: process.env,
  port: 0,
  dataDir,
  seedDemo: false,
  buildWeb: false,
  monthlyReports: false,
  log: () => {},
})

const { storeBenchCatalog } = await import('./bench-catalog.js')
const resources = await storeBenchCatalog()
const { dynamo } = await import('../../functions/store/clients.js')
const { countWriteUnits } = await import('./write-units.js')
const consumed = countWriteUnits(dynamo())
const { runRollup } = await import('../../functions/jobs/rollup.js')
const { config } = await import('../../functions/config.js')
const { listDayEvents } = await import('../../functions/store/events.js')
const { bangkokDay } = await import('../../shared/time.js')

const bare = new Hono()
bare.get('/d/:resourceId', (c) =>
  c.redirect(`https://data.example.go.th/download/${c.req.param('resourceId')}`, 302),
)
const bareServer = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' })
await new Promise<void>((r) => bareServer.once('listening', () => r()))

const control = createServer(async (req, res) => {
  if (req.url === '/reset') consumed.writeUnits = 0
  if (req.url === '/rollup') await runRollup()
  // The journal stores downloads after answering them, and a rollup counts them: wait for both, so no round
  // pays for an earlier one.
  if (req.url === '/drain') await runtime.settled()
  // Raw events stored today: what a benchmark checks against the downloads it was answered for.
  const eventsToday = req.url === '/events' ? (await listDayEvents(bangkokDay(Date.now()))).length : undefined
  // The process's memory, after a full collection when the process runs with --expose-gc (the RSS benchmark).
  if (req.url === '/memory') (globalThis as { gc?: () => void }).gc?.()
  const memory = req.url === '/memory' ? process.memoryUsage() : undefined
  res.setHeader('content-type', 'application/json')
  // Busy time of this process's main thread (event loop), the one both the product and the baseline share.
  const mainThreadBusyMs = performance.eventLoopUtilization().active
  res.end(JSON.stringify({ writeUnits: consumed.writeUnits, eventsToday, mainThreadBusyMs, memory }))
})
await new Promise<void>((r) => control.listen(0, '127.0.0.1', () => r()))

console.log(
  JSON.stringify({
    url: runtime.url,
    bareUrl: `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`,
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    ingestKey: runtime.ingestKey,
    // The runtime's own configuration (it starts the embedded store, it does not rewrite the environment).
    dynamodbEndpoint: config().dynamodbEndpoint,
    tableName: config().tableName,
    resources,
  }),
)
process.on('SIGTERM', async () => {
  await runtime.close()
  process.exit(0)
})
