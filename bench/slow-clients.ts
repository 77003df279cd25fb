/**
 * Issue 17, suite d: the health check's latency while slow and oversized requests hit the local runtime (as
 * `npm start` runs it: 10 s for headers, 30 s for a whole request). First alone, then while another process
 * keeps 500 connections dribbling headers, 100 dribbling a body, and floods 2 MB bodies and 64 KB headers.
 * `npm run bench -- slow-clients` (`BENCH_REQUESTS` overrides the 2,000 health checks per phase).
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { runLoad } from './lib/http-load.js'
import { spawnBenchServer } from './lib/spawn-server.js'
import { quantile, round } from './lib/stats.js'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000)
const server = await spawnBenchServer()

async function measure(label: string) {
  const load = await runLoad({ url: `${server.url}/healthz`, connections: 4, total: REQUESTS })
  const ok = load.statuses[200] ?? 0
  console.log(
    `${label}: ${REQUESTS} health checks, ${ok} answered 200; p50 ${round(quantile(load.latenciesMs, 0.5))} ms, ` +
      `p95 ${round(quantile(load.latenciesMs, 0.95))} ms, p99 ${round(quantile(load.latenciesMs, 0.99))} ms, ` +
      `max ${round(Math.max(...load.latenciesMs))} ms`,
  )
  return load
}

try {
  await runLoad({ url: `${server.url}/healthz`, connections: 4, total: 500 })
  await measure('alone')
  const attacker = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'lib/slow-attack.ts'), server.url, server.ingestKey],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let out = ''
  attacker.stdout?.on('data', (d) => {
    out += d
  })
  while (!out.includes('attacking')) await new Promise((r) => setTimeout(r, 100))
  // Let the slow connections pile up, and outlive the server's 10 s headers limit once, before measuring.
  await new Promise((r) => setTimeout(r, 12_000))
  for (let round = 1; round <= 3; round++) await measure(`under attack, round ${round}`)
  attacker.kill('SIGTERM')
  await new Promise((r) => attacker.once('exit', r))
  console.log(`the attacker's answers: ${out.split('\n').find((l) => l.startsWith('{'))}`)
} finally {
  await server.stop()
}
