import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { devToken, type RunningProduct, startProduct } from './local-process.js'

const dataDir = await mkdtemp(join(tmpdir(), 'ogd-local-'))
const env = { DATA_DIR: dataDir, SEED_DEMO: '0' }
let product: RunningProduct | undefined

afterAll(async () => {
  await product?.stop('SIGKILL')
  await rm(dataDir, { recursive: true, force: true })
})

describe('npm start (the one-process local runtime)', () => {
  it('serves the health check, the dashboard and the API on loopback', async () => {
    product = await startProduct(env)
    expect(product.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(product.output()).toContain(dataDir)
    expect(await (await fetch(`${product.url}/healthz`)).json()).toEqual({ status: 'ok', counting: 'ok' })
    const page = await fetch(`${product.url}/`)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toContain('<div id="app">')
    const missing = await fetch(`${product.url}/v1/nothing-here`)
    expect(missing.status).toBe(404)
  })

  it('keeps acknowledged events across a SIGTERM and a restart', async () => {
    if (!product) throw new Error('the product did not start')
    // An empty catalog rejects events for unknown resources: this checks the answer, and that the key works.
    const res = await fetch(`${product.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': product.ingestKey },
      body: JSON.stringify({ events: [{ resourceId: 'missing' }] }),
    })
    expect(res.status).toBe(202)
    expect(await res.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0 }] })

    const firstKey = product.ingestKey
    const firstToken = await devToken(product.url)
    expect(await product.stop('SIGTERM')).toBe(0)
    expect(product.output()).toContain('Stopped cleanly')

    product = await startProduct(env)
    expect(product.ingestKey).toBe(firstKey)
    // The development signing key persists in the data directory, so a token survives the restart.
    const ranked = await fetch(`${product.url}/v1/rankings/agencies?month=2022-11`, {
      headers: { authorization: `Bearer ${firstToken}` },
    })
    expect(ranked.status).toBe(200)
    expect(await product.stop('SIGINT')).toBe(0)
  })
})

describe('stopping npm start while the demo loads', () => {
  it('stops at once, cleanly, and the next start finishes the demo', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ogd-demo-stop-'))
    try {
      const first = await startProduct({ DATA_DIR: dir, SEED_DEMO: '1' })
      for (let i = 0; i < 600 && !first.output().includes('loaded and counted'); i++) {
        await new Promise((r) => setTimeout(r, 100))
      }
      expect(await first.stop('SIGTERM')).toBe(0)
      expect(first.output()).toContain('Stopped cleanly')
      expect(first.output()).not.toContain('Demo data ready')

      const second = await startProduct({ DATA_DIR: dir, SEED_DEMO: '1' })
      for (let i = 0; i < 300 && !second.output().includes('Finishing the demo data'); i++) {
        await new Promise((r) => setTimeout(r, 100))
      }
      expect(second.output()).toContain('Finishing the demo data a previous start began')
      expect(await second.stop('SIGINT')).toBe(0)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
