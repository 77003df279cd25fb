/**
 * Time to ready of the first `npm start` on an empty data directory: seconds until the server answers,
 * until the current month's agency ranking is non-empty (ready to browse), and until the demo seeding and
 * its rollup are done ("Demo data ready"). Run: `npx tsx bench/time-to-ready.ts`.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { bangkokMonth } from '../shared/time.js'

const ROOT = resolve(import.meta.dirname, '..')
const LIMIT_MS = 180_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'ogd-bench-ready-'))
  const started = Date.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SEED_DEMO: '1', CKAN_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
  })
  child.stderr.on('data', (d) => {
    out += d
  })
  const seconds = (t: number) => ((t - started) / 1000).toFixed(1)
  try {
    while (!/dashboard:\s+http/.test(out)) {
      if (child.exitCode !== null || Date.now() - started > LIMIT_MS)
        throw new Error(`did not start:\n${out}`)
      await sleep(50)
    }
    const up = Date.now()
    const url = /dashboard:\s+(http:\/\/\S+?)\/?\s/.exec(out)?.[1] as string
    const session = await fetch(`${url}/v1/dev/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'dga_admin' }),
    })
    const { token } = (await session.json()) as { token: string }
    const month = bangkokMonth(Date.now())
    let ready = 0
    while (!ready) {
      if (Date.now() - started > LIMIT_MS) throw new Error(`the ranking stayed empty:\n${out}`)
      const res = await fetch(`${url}/v1/rankings/agencies?month=${month}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      const body = (await res.json()) as { items?: { downloads: number }[] }
      if (body.items?.some((i) => i.downloads > 0)) ready = Date.now()
      else await sleep(250)
    }
    while (!out.includes('Demo data ready')) {
      if (child.exitCode !== null || Date.now() - started > LIMIT_MS)
        throw new Error(`seeding did not finish:\n${out}`)
      await sleep(100)
    }
    const seeded = Date.now()
    console.log(
      out
        .split('\n')
        .filter((l) => l.includes('Demo data ready'))[0]
        ?.trim(),
    )
    console.log(`server answering:           ${seconds(up)} s`)
    console.log(`current month ranking ready: ${seconds(ready)} s`)
    console.log(`seeding and rollup done:     ${seconds(seeded)} s`)
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    await rm(dataDir, { recursive: true, force: true })
  }
}

await main()
