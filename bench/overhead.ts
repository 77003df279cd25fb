/**
 * Per-request overhead: CPU time per `GET /healthz` of the local app (exactly as `npm start` serves it) against
 * a bare Hono app answering the same JSON with the same response headers, both served by @hono/node-server in
 * one server process and measured in the same run, rounds alternating.
 *
 *   npm run bench -- overhead       (BENCH_REQUESTS=20000 per round, BENCH_ROUNDS=5, BENCH_CONNECTIONS=8)
 *
 * The load comes from this process, the servers run in a child: the CPU time counted is the server process's
 * (`process.cpuUsage`, user + system), read before and after each round, so a shared machine's other work does
 * not count the way it does in wall time. The median round of each app is reported, and their ratio.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { runLoad } from './lib/http-load.js'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
/** Which apps are loaded (`BENCH_APPS=local` to profile the local app alone with BENCH_NODE_ARGS=--cpu-prof). */
const APPS = (process.env.BENCH_APPS ?? 'local,bare').split(',') as ('local' | 'bare')[]

/** The server side: the local runtime, the bare app, and a control port answering this process's CPU time. */
async function serveApps(): Promise<void> {
  const { mkdtemp } = await import('node:fs/promises')
  const { createServer } = await import('node:http')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const { serve } = await import('@hono/node-server')
  const { Hono } = await import('hono')
  const { startLocal } = await import('../functions/local/runtime.js')
  const runtime = await startLocal({
    env: process.env,
    port: 0,
    dataDir: await mkdtemp(join(tmpdir(), 'ogd-overhead-')),
    seedDemo: false,
    buildWeb: false,
    monthlyReports: false,
    log: () => {},
  })
  // What the local app answers, headers included, so the bare app answers the same bytes.
  const reference = await fetch(`${runtime.url}/healthz`)
  const body = await reference.json()
  const headers: Record<string, string> = {}
  reference.headers.forEach((value, name) => {
    if (!['content-type', 'content-length', 'date', 'connection', 'keep-alive'].includes(name)) {
      headers[name] = value
    }
  })
  const bare = new Hono()
  bare.get('/healthz', (c) => c.json(body, 200, headers))
  const bareServer = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((r) => bareServer.once('listening', () => r()))
  const control = createServer((_req, res) => {
    const cpu = process.cpuUsage()
    res.end(JSON.stringify({ cpuMicros: cpu.user + cpu.system }))
  })
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', () => r()))
  const port = (s: { address(): unknown }) => (s.address() as { port: number }).port
  console.log(
    JSON.stringify({
      local: `${runtime.url}/healthz`,
      bare: `http://127.0.0.1:${port(bareServer)}/healthz`,
      control: `http://127.0.0.1:${port(control)}/`,
      headers: Object.keys(headers).sort(),
    }),
  )
  process.on('SIGTERM', async () => {
    await runtime.close()
    process.exit(0)
  })
}

async function startServer(): Promise<{
  info: { local: string; bare: string; control: string; headers: string[] }
  proc: ChildProcess
}> {
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', import.meta.filename, 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      INGEST_API_KEYS: '',
      DYNAMODB_ENDPOINT: '',
      S3_ENDPOINT: '',
    },
  })
  let out = ''
  const info = await new Promise<{ local: string; bare: string; control: string; headers: string[] }>(
    (resolve, reject) => {
      proc.stdout?.on('data', (d) => {
        out += d
        const line = out.split('\n').find((l) => l.startsWith('{'))
        if (line) resolve(JSON.parse(line))
      })
      proc.once('exit', (code) => reject(new Error(`the server exited (${code})`)))
    },
  )
  return { info, proc }
}

async function measure(url: string, control: string) {
  const cpu = async () => ((await (await fetch(control)).json()) as { cpuMicros: number }).cpuMicros
  const before = await cpu()
  const load = await runLoad({ url, connections: CONNECTIONS, total: REQUESTS })
  const after = await cpu()
  const ok = load.statuses[200] ?? 0
  if (ok !== REQUESTS) throw new Error(`${url}: ${JSON.stringify(load.statuses)}`)
  return { cpuMicrosPerRequest: (after - before) / REQUESTS, requestsPerSecond: REQUESTS / load.seconds }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

if (process.argv[2] === 'serve') {
  await serveApps()
} else {
  const { info, proc } = await startServer()
  try {
    console.log(`same response headers: ${info.headers.join(', ')}`)
    // Warm both (JIT, connection pools) before anything counts.
    for (const app of APPS) await measure(info[app], info.control)
    const rounds = { local: [] as { cpu: number; rps: number }[], bare: [] as { cpu: number; rps: number }[] }
    for (let i = 0; i < ROUNDS; i++) {
      for (const app of APPS) {
        const r = await measure(info[app], info.control)
        rounds[app].push({ cpu: r.cpuMicrosPerRequest, rps: r.requestsPerSecond })
        console.log(
          `round ${i + 1} ${app}: ${r.cpuMicrosPerRequest.toFixed(1)} µs CPU/request, ${r.requestsPerSecond.toFixed(0)} requests/s`,
        )
      }
    }
    // One app alone (profiling) has no ratio; the server is still stopped below, so its profile is written.
    if (APPS.length === 2) {
      const local = median(rounds.local.map((r) => r.cpu))
      const bare = median(rounds.bare.map((r) => r.cpu))
      console.log(
        `\nGET /healthz, ${ROUNDS} rounds of ${REQUESTS} requests, ${CONNECTIONS} connections (medians)`,
      )
      console.log('| app | CPU per request (µs) | requests/s |')
      console.log('| --- | ---: | ---: |')
      console.log(
        `| local app | ${local.toFixed(1)} | ${median(rounds.local.map((r) => r.rps)).toFixed(0)} |`,
      )
      console.log(
        `| bare Hono, same headers | ${bare.toFixed(1)} | ${median(rounds.bare.map((r) => r.rps)).toFixed(0)} |`,
      )
      console.log(`ratio (local / bare): ${(local / bare).toFixed(2)}×`)
    }
  } finally {
    proc.kill('SIGTERM')
  }
}
