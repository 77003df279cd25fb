import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

export interface BenchServer {
  url: string
  bareUrl: string
  controlUrl: string
  ingestKey: string
  dynamodbEndpoint: string
  tableName: string
  resources: string[]
  stop(): Promise<void>
}

/** Starts bench/lib/bench-server.ts in its own process and waits for its JSON line. */
export async function spawnBenchServer(): Promise<BenchServer> {
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', resolve(import.meta.dirname, 'bench-server.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      // Load from one loopback client: the per-client rate limits would otherwise answer 429.
      env: {
        ...process.env,
        INGEST_API_KEYS: '',
        // Empty: the runtime starts its embedded store, as npm start does; a benchmark may point it elsewhere.
        DYNAMODB_ENDPOINT: process.env.BENCH_DYNAMODB_ENDPOINT ?? '',
        S3_ENDPOINT: '',
        RATE_LIMIT_DOWNLOADS_PER_MINUTE: '100000000',
        RATE_LIMIT_EVENT_REQUESTS_PER_MINUTE: '100000000',
      },
    },
  )
  let out = ''
  const info = await new Promise<Omit<BenchServer, 'stop'>>((resolvePromise, reject) => {
    child.stdout?.on('data', (d) => {
      out += d
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolvePromise(JSON.parse(line))
    })
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}): ${out}`)))
  })
  return {
    ...info,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    },
  }
}
