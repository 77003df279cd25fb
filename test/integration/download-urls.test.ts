import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { createIngestApp } from '../../functions/ingest/app.js'
import { listDayEvents } from '../../functions/store/events.js'
import { bangkokDay } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA } from '../fixtures/http.js'

const ingestApp = createIngestApp()

// Resources as a portal may list them; stored directly, as a catalog synced before URLs were checked would be.
const catalog = buildCatalog(1, 6)
const urls = [
  'https://data.example.go.th/dataset/x/resource/y/download/ข้อมูลประชากร ปี 2566.csv',
  'https://data.example.go.th/download/a.csv\r\nSet-Cookie: stolen=1',
  'javascript:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  '//evil.example/x.csv',
  'https://data.example.go.th/plain.csv',
]
catalog.resources.forEach((r, i) => {
  r.url = urls[i] as string
})
const id = (i: number) => catalog.resources[i]?.resourceId as string

// A real HTTP server: Node's own check of the Location header is what a Thai file name used to fail.
let server: ReturnType<typeof serve>
let base: string
beforeAll(async () => {
  await storeCatalog(catalog)
  server = serve({ fetch: ingestApp.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((r) => server.once('listening', () => r()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const download = (path: string) =>
  fetch(`${base}${path}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } })

describe('GET /d/:resourceId with URLs from the catalog', () => {
  it('redirects to a Thai file name, percent-encoded, and counts it', async () => {
    const res = await download(`/d/${id(0)}`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(new URL(urls[0] as string).href)
    expect(decodeURIComponent(res.headers.get('location') as string)).toContain('ข้อมูลประชากร ปี 2566.csv')
  })

  it.each([
    ['CR/LF in the URL', 1],
    ['a javascript: URL', 2],
    ['a data: URL', 3],
    ['a protocol-relative URL', 4],
  ])('answers 404, never a redirect and never a 500, for %s, and counts nothing', async (_, i) => {
    const res = await download(`/d/${id(i)}`)
    expect(res.status).toBe(404)
    expect(res.headers.get('location')).toBeNull()
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'no downloadable URL',
    )
  })

  it.each([
    ['thousands of characters', 'r'.repeat(5000)],
    ['a space', 'resource%201'],
    ['a control character', 'resource%00x'],
  ])('answers 404 for an id with %s, without asking the store or echoing it', async (_, raw) => {
    const res = await download(`/d/${raw}`)
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain(raw.slice(0, 50))
  })

  it('stored exactly the downloads it redirected', async () => {
    expect((await download(`/d/${id(5)}`)).status).toBe(302)
    const events = await listDayEvents(bangkokDay(clock.now()))
    expect(events.map((e) => e.resourceId).sort()).toEqual([id(0), id(5)].sort())
  })
})
