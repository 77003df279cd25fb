/**
 * Issue 17: memory stays flat under request data nobody bounds but us. Against the local runtime (as `npm start`
 * runs it, in its own process), 100,000 downloads of catalog resources, each with a user agent and a source
 * address of its own (loopback addresses 127.x.y.z), then 100,000 downloads of distinct unknown resource ids,
 * likewise. The caches keyed by such data are bounded (resources 50,000, user-agent classes 10,000, rate-limit
 * clients 10,000); the raw events go to the embedded store in the same process. Prints RSS and heap before,
 * between and after (and after another 100,000 unknown ids, to show where the bounded caches level off), each after
 * a full collection of the main thread. `npm run bench -- rss` (`BENCH_DISTINCT` overrides 100,000).
 *
 * `BENCH_STORE=process` runs dynalite in a process of its own instead (the runtime then starts no embedded store),
 * and prints that process's RSS beside the runtime's: where the memory of stored data lives.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnBenchServer } from './lib/spawn-server.js'

const DISTINCT = Number(process.env.BENCH_DISTINCT ?? 100_000)
const CONNECTIONS = 32
process.env.BENCH_NODE_ARGS = `${process.env.BENCH_NODE_ARGS ?? ''} --expose-gc`

/** dynalite on disk in a process of its own; resolves once it listens. */
async function startStoreProcess(): Promise<{ child: ChildProcess; endpoint: string }> {
  const path = await mkdtemp(join(tmpdir(), 'ogd-bench-store-'))
  const script = `import dynalite from 'dynalite'
const server = dynalite({ path: ${JSON.stringify(path)}, createTableMs: 0, deleteTableMs: 0 })
server.listen(0, '127.0.0.1', () => console.log(server.address().port))`
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (d) => resolve(String(d).trim()))
    child.once('exit', (code) => reject(new Error(`the store process exited (${code})`)))
  })
  return { child, endpoint: `http://127.0.0.1:${port}` }
}

/** A process's resident set in bytes (Linux). */
function rssOf(pid: number | undefined): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)
  return line ? Number(line[1]) * 1024 : Number.NaN
}

const store = process.env.BENCH_STORE === 'process' ? await startStoreProcess() : undefined
if (store) {
  process.env.BENCH_DYNAMODB_ENDPOINT = store.endpoint
  process.env.AWS_ACCESS_KEY_ID ??= 'bench'
  process.env.AWS_SECRET_ACCESS_KEY ??= 'bench'
  process.env.AWS_REGION ??= 'ap-southeast-1'
}
const server = await spawnBenchServer()
const target = new URL(server.url)

/** A loopback address of its own for request `i` (Linux routes all of 127.0.0.0/8 to loopback). */
const addressOf = (i: number) => `127.${1 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${i & 255}`
const userAgent = (phase: string, i: number) =>
  `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${i}.0.${phase} Safari/537.36`

function get(path: string, i: number, phase: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path,
        agent: false,
        localAddress: addressOf(i),
        headers: { 'user-agent': userAgent(phase, i) },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    // A connection the server reset (its backlog full on a busy machine) is counted, not fatal.
    req.on('error', () => resolve(0))
    req.end()
  })
}

async function phase(name: string, pathOf: (i: number) => string) {
  const statuses: Record<number, number> = {}
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < DISTINCT) {
        const i = next++
        const status = await get(pathOf(i), i, name)
        statuses[status] = (statuses[status] ?? 0) + 1
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  console.log(
    `${name}: ${DISTINCT} requests in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(statuses)}`,
  )
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`
async function memory(label: string) {
  await fetch(`${server.controlUrl}/drain`)
  const { memory: m } = (await (await fetch(`${server.controlUrl}/memory`)).json()) as {
    memory: NodeJS.MemoryUsage
  }
  const storeRss = store ? `; the store's process: RSS ${mb(rssOf(store.child.pid))}` : ''
  console.log(
    `${label}: RSS ${mb(m.rss)}, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)} ` +
      `(array buffers ${mb(m.arrayBuffers)})${storeRss}`,
  )
  return m
}

try {
  // Warm: every path once, caches of the catalog filled, the JIT settled.
  for (let i = 0; i < 2_000; i++) await get(`/d/${server.resources[i % server.resources.length]}`, i, 'warm')
  const before = await memory('before')
  await phase('catalog resources, distinct user agents and addresses', (i) => {
    return `/d/${server.resources[i % server.resources.length]}`
  })
  const between = await memory('after the known resources')
  await phase('unknown resource ids, distinct user agents and addresses', (i) => `/d/unknown-resource-${i}`)
  const after = await memory('after the unknown ids')
  // The same again with other ids, user agents and addresses: bounded caches stay where they are.
  await phase('more unknown resource ids, distinct user agents and addresses', (i) => `/d/other-unknown-${i}`)
  const again = await memory('after the other unknown ids')
  console.log(
    `RSS growth: ${mb(between.rss - before.rss)} for ${DISTINCT} downloads stored, then ` +
      `${mb(after.rss - between.rss)} for ${DISTINCT} unknown ids, then ${mb(again.rss - after.rss)} for ` +
      `${DISTINCT} more; heap used ${mb(before.heapUsed)} → ${mb(again.heapUsed)}`,
  )
} finally {
  await server.stop()
  store?.child.kill()
}
