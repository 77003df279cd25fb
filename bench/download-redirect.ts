/**
 * Issue 4 benchmark: latency of GET /d/:resourceId (records the download, then redirects) against a bare Hono
 * route that only redirects, both at 50 concurrent connections in the same run. Run: `npm run bench -- download-redirect`.
 *
 * Locally a download is acknowledged once it is in the write-ahead journal and stored in the table in the
 * background; before every round the benchmark waits until the journal is drained and a rollup has counted
 * it, so neither kind of round pays for the previous one, and it reports how long each /d/ round's backlog took
 * to store and count. A last, longer
 * round (sustained) outlasts the journal's lag bound, so the table is written while downloads keep coming. At
 * the end it checks that the table holds one raw event per redirect answered.
 */
import { runLoad } from './lib/http-load.js'
import { spawnBenchServer } from './lib/spawn-server.js'
import { quantile, round } from './lib/stats.js'

const CONNECTIONS = 50
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const WARMUP = 2000
const SUSTAINED = Number(process.env.BENCH_SUSTAINED ?? 15 * REQUESTS)
const headers = {
  'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36',
}

const server = await spawnBenchServer()
try {
  const control = async (path: string) =>
    (await (await fetch(`${server.controlUrl}${path}`)).json()) as {
      eventsToday?: number
      mainThreadBusyMs: number
    }
  const drain = async () => {
    const started = performance.now()
    await control('/drain')
    return performance.now() - started
  }
  const resource = (i: number) => server.resources[i % server.resources.length] as string
  const results = { bare: [] as number[], download: [] as number[] }
  const p99 = { bare: [] as number[], download: [] as number[] }
  const rps = { bare: [] as number[], download: [] as number[] }
  const drainMs: number[] = []
  const busyUs = { bare: [] as number[], download: [] as number[] }
  const storeUs: number[] = []
  const before = (await control('/events')).eventsToday ?? 0
  // Warm both paths (JIT, caches, salts), then alternate rounds so both see the same machine.
  await runLoad({ url: `${server.bareUrl}/d/x`, connections: CONNECTIONS, total: WARMUP, headers })
  await runLoad({ url: `${server.url}/d/${resource(0)}`, connections: CONNECTIONS, total: WARMUP, headers })
  await drain()
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of ['bare', 'download'] as const) {
      const base = kind === 'bare' ? server.bareUrl : server.url
      const busyBefore = (await control('/busy')).mainThreadBusyMs
      const load = await runLoad({
        url: `${base}/d/${resource(r)}`,
        connections: CONNECTIONS,
        total: REQUESTS,
        headers,
      })
      if (load.statuses[302] !== REQUESTS)
        throw new Error(`${kind}: statuses ${JSON.stringify(load.statuses)}`)
      results[kind].push(...load.latenciesMs)
      p99[kind].push(quantile(load.latenciesMs, 0.99))
      rps[kind].push(REQUESTS / load.seconds)
      // Main-thread time per request while answering: robust to a busy machine, unlike p99.
      const busyAfter = (await control('/busy')).mainThreadBusyMs
      busyUs[kind].push(((busyAfter - busyBefore) * 1000) / REQUESTS)
      const drained = await drain()
      if (kind === 'download') {
        drainMs.push(drained)
        storeUs.push((((await control('/busy')).mainThreadBusyMs - busyAfter) * 1000) / REQUESTS)
      }
    }
  }
  // A round long enough that the journal's lag bound (2 s) makes it store while downloads keep coming: what a
  // steady stream at this rate costs, next to the bursts above.
  const sustained = await runLoad({
    url: `${server.url}/d/${resource(ROUNDS)}`,
    connections: CONNECTIONS,
    total: SUSTAINED,
    headers,
  })
  if (sustained.statuses[302] !== SUSTAINED)
    throw new Error(`sustained: ${JSON.stringify(sustained.statuses)}`)
  await drain()
  const stored = ((await control('/events')).eventsToday ?? 0) - before
  const expected = WARMUP + ROUNDS * REQUESTS + SUSTAINED
  const row = (kind: 'bare' | 'download') =>
    `p50 ${round(quantile(results[kind], 0.5))} ms, p99 ${round(quantile(results[kind], 0.99))} ms (per round: ${p99[kind].map((x) => round(x)).join(', ')}; ${rps[kind].map((x) => Math.round(x)).join(', ')} req/s)`
  const ratio = quantile(results.download, 0.99) / quantile(results.bare, 0.99)
  console.log(`${CONNECTIONS} connections, ${ROUNDS} rounds × ${REQUESTS} requests each`)
  console.log(`bare Hono redirect (baseline): ${row('bare')}`)
  console.log(`GET /d/:resourceId:            ${row('download')}`)
  const busy = (kind: 'bare' | 'download') => busyUs[kind].map((x) => Math.round(x)).join(', ')
  console.log(
    `main-thread time per request while answering (µs, per round): bare ${busy('bare')}; /d/ ${busy('download')}; then storing and counting each download ${storeUs.map((x) => Math.round(x)).join(', ')}`,
  )
  console.log(
    `journal backlog stored and counted after each /d/ round in: ${drainMs.map((x) => `${Math.round(x)} ms`).join(', ')}`,
  )
  const sustainedP99 = quantile(sustained.latenciesMs, 0.99)
  console.log(
    `sustained /d/ (${SUSTAINED} requests, ${round(sustained.seconds)} s, ${Math.round(SUSTAINED / sustained.seconds)} req/s, storing as it goes): p50 ${round(quantile(sustained.latenciesMs, 0.5))} ms, p99 ${round(sustainedP99)} ms = ${round(sustainedP99 / quantile(results.bare, 0.99))}× the bare p99`,
  )
  console.log(
    `raw events stored: ${stored} of ${expected} downloads answered ${stored === expected ? '✔' : '✘'}`,
  )
  console.log(`p99 ratio: ${round(ratio)}× (target ≤ 2×) ${ratio <= 2 ? 'PASS' : 'FAIL'}`)
  if (stored !== expected) process.exitCode = 1
} finally {
  await server.stop()
}
