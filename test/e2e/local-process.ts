import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

export interface RunningProduct {
  url: string
  ingestKey: string
  output: () => string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Runs the product exactly as `npm start` does (`tsx functions/local/main.ts`) on a free port. */
export async function startProduct(env: Record<string, string>): Promise<RunningProduct> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  const started = Date.now()
  while (!/ingest key:\s+(\S+)/.test(out)) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${out}`)
    if (Date.now() - started > 90_000) throw new Error(`npm start did not come up:\n${out}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const url = /dashboard:\s+(http:\/\/\S+?)\/?\s/.exec(out)?.[1] as string
  const ingestKey = /ingest key:\s+(\S+)/.exec(out)?.[1] as string
  return {
    url,
    ingestKey,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode
      child.kill(signal)
      const [code] = await once(child, 'exit')
      return code as number | null
    },
  }
}

/** A DGA official's development token from a running product (`POST /v1/dev/session`). */
export async function devToken(url: string): Promise<string> {
  const res = await fetch(`${url}/v1/dev/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'dga_admin' }),
  })
  return ((await res.json()) as { token: string }).token
}
