/**
 * Issue 4 benchmark: latency of GET /d/:resourceId (records the download, then redirects) against a bare Hono
 * route that only redirects, both at 50 concurrent connections in the same run. Run: `npm run bench -- download-redirect`.
 */
import { runLoad } from './lib/http-load.js'
import { spawnBenchServer } from './lib/spawn-server.js'
import { quantile, round } from './lib/stats.js'

const CONNECTIONS = 50
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000)
const ROUNDS = 3
const headers = {
  'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36',
}

const server = await spawnBenchServer()
try {
  const resource = (i: number) => server.resources[i % server.resources.length] as string
  const results = { bare: [] as number[], download: [] as number[] }
  const p99 = { bare: [] as number[], download: [] as number[] }
  // Warm both paths (JIT, caches, salts), then alternate rounds so both see the same machine.
  await runLoad({ url: `${server.bareUrl}/d/x`, connections: CONNECTIONS, total: 2000, headers })
  await runLoad({ url: `${server.url}/d/${resource(0)}`, connections: CONNECTIONS, total: 2000, headers })
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of ['bare', 'download'] as const) {
      const base = kind === 'bare' ? server.bareUrl : server.url
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
    }
  }
  const row = (kind: 'bare' | 'download') =>
    `p50 ${round(quantile(results[kind], 0.5))} ms, p99 ${round(quantile(results[kind], 0.99))} ms (per round: ${p99[kind].map((x) => round(x)).join(', ')})`
  const ratio = quantile(results.download, 0.99) / quantile(results.bare, 0.99)
  console.log(`${CONNECTIONS} connections, ${ROUNDS} rounds × ${REQUESTS} requests each`)
  console.log(`bare Hono redirect (baseline): ${row('bare')}`)
  console.log(`GET /d/:resourceId:            ${row('download')}`)
  console.log(`p99 ratio: ${round(ratio)}× (target ≤ 2×) ${ratio <= 2 ? 'PASS' : 'FAIL'}`)
} finally {
  await server.stop()
}
