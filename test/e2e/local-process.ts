import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { inject } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * How long a test waits for the product to say something (start, demo loaded, report made). Generous: a slow or
 * loaded machine makes a run slower, never red; a product that never says it fails with its output.
 */
export const PATIENCE_MS = 10 * 60_000

export interface RunningProduct {
  url: string
  ingestKey: string
  output: () => string
  /** Resolves when the product's output contains `text` (or matches it); throws with the output after `timeoutMs`. */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>
  /** The product's clock (its auth configuration says it): the instant the suite runs "as of", moving on. */
  now(): Promise<number>
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
  const waitForOutput = async (text: string | RegExp, timeoutMs = PATIENCE_MS) => {
    const started = Date.now()
    const seen = () => (typeof text === 'string' ? out.includes(text) : text.test(out))
    while (!seen()) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`npm start exited before "${text}":\n${out}`)
      if (Date.now() - started > timeoutMs) throw new Error(`npm start did not say "${text}":\n${out}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  await waitForOutput(/ingest key:\s+(\S+)/)
  const url = /dashboard:\s+(http:\/\/\S+?)\/?\s/.exec(out)?.[1] as string
  const ingestKey = /ingest key:\s+(\S+)/.exec(out)?.[1] as string
  return {
    url,
    ingestKey,
    output: () => out,
    waitForOutput,
    async now() {
      return ((await (await fetch(`${url}/v1/auth/config`)).json()) as { now: number }).now
    },
    async stop(signal = 'SIGTERM') {
      // Exited already (by itself, or killed by a signal): nothing to wait for.
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill(signal)
      const [code] = await once(child, 'exit')
      return code as number | null
    },
  }
}

/**
 * A product started on a copy of the demo loaded once for the browser suites (test/e2e/demo-template.ts): the
 * demo and last month's report are in place when it answers, and its clock goes on from the template's. Stop it,
 * then remove `dataDir`.
 */
export async function startDemoProduct(
  name: string,
  env: Record<string, string> = {},
): Promise<{ product: RunningProduct; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), `ogd-${name}-`))
  await cp(inject('demoTemplate'), dataDir, { recursive: true })
  // The template's product stopped cleanly; a copy must not look like a product still running there.
  await rm(join(dataDir, 'runtime.json'), { force: true })
  const product = await startProduct({
    DATA_DIR: dataDir,
    SEED_DEMO: '1',
    OGD_NOW: inject('demoTemplateNow'),
    ...env,
  })
  await product.waitForOutput('Demo data already loaded')
  return { product, dataDir }
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
