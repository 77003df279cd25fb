import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type LocalRuntime, startLocal } from '../../functions/local/runtime.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA, INGEST_KEY } from '../fixtures/http.js'

// Slow and oversized requests against the local runtime's real HTTP server (issue 17, suite d). Correctness only:
// the health check's latency under this load is measured by `npm run bench -- slow-clients`, not asserted here.
let runtime: LocalRuntime
let dataDir: string
let port: number

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ogd-slow-clients-'))
  runtime = await startLocal({
    env: process.env,
    port: 0,
    dataDir,
    seedDemo: false,
    buildWeb: false,
    monthlyReports: false,
    log: () => {},
    // Short, so the test does not wait the production 10 s and 30 s.
    slowClients: { headersTimeoutMs: 1_000, requestTimeoutMs: 3_000 },
  })
  port = Number(new URL(runtime.url).port)
  await storeCatalog(buildCatalog(1, 1))
})

afterAll(async () => {
  await runtime?.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** A raw connection, with everything the server sent and whether it closed. */
function open(): Promise<{ socket: Socket; received: () => string; closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    let data = ''
    let closed = false
    const socket = connect(port, '127.0.0.1', () =>
      resolve({ socket, received: () => data, closed: () => closed }),
    )
    socket.on('data', (d) => {
      data += d
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      closed = true
    })
    socket.once('error', reject)
  })
}

/** The status of a request on a connection of its own (a server closes one after refusing a body unread). */
function send(method: string, path: string, body?: string) {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      `${runtime.url}${path}`,
      {
        method,
        agent: false,
        headers: body ? { 'content-type': 'application/json', 'x-api-key': INGEST_KEY } : {},
      },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    // A server may answer 413 and close before the whole body is written: the answer is what counts.
    req.on('error', (err) => (req.writableEnded ? undefined : reject(err)))
    req.end(body)
  })
}
const health = () => send('GET', '/healthz')
const post = (path: string, body: string) => send('POST', path, body)

describe('oversized requests', () => {
  it('answers a body over the ingest limit 413, and one over the API limit 413, before reading it all', async () => {
    const huge = JSON.stringify({
      events: [{ resourceId: 'resource-1-1', pad: 'x'.repeat(2 * 1024 * 1024) }],
    })
    expect(await post('/v1/events', huge)).toBe(413)
    expect(await post('/v1/subscriptions', JSON.stringify({ pad: 'x'.repeat(100 * 1024) }))).toBe(413)
    expect(await health()).toBe(200)
  })

  it('answers headers over 16 KB 431', async () => {
    const c = await open()
    c.socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Pad: ${'x'.repeat(64 * 1024)}\r\n\r\n`)
    await expect.poll(() => c.received()).toMatch(/^HTTP\/1\.1 431/)
    await expect.poll(() => c.closed()).toBe(true)
    expect(await health()).toBe(200)
  })
})

describe('slow requests', () => {
  it('drops clients that send headers or a body too slowly, and answers everyone else meanwhile', async () => {
    const errors = vi.spyOn(console, 'error')
    // 40 connections that never finish their headers (slowloris), 20 whose body never arrives in full.
    const slowHeaders = await Promise.all(Array.from({ length: 40 }, open))
    for (const c of slowHeaders) c.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n')
    const slowBodies = await Promise.all(Array.from({ length: 20 }, open))
    for (const c of slowBodies)
      c.socket.write(
        `POST /v1/events HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\nx-api-key: ${INGEST_KEY}\r\ncontent-length: 10000\r\n\r\n{"events": [`,
      )
    const dribble = setInterval(() => {
      for (const c of slowHeaders) if (!c.closed()) c.socket.write('X-Slow: 1\r\n')
      for (const c of slowBodies) if (!c.closed()) c.socket.write(' ')
    }, 200)
    try {
      // While they hang on, the health check and a real event are answered.
      for (let i = 0; i < 20; i++) expect(await health()).toBe(200)
      const event = await post(
        '/v1/events',
        JSON.stringify({ resourceId: 'resource-1-1', userAgent: BROWSER_UA, eventId: 'meanwhile' }),
      )
      expect(event).toBe(202)
      // Then the server drops every slow one (408), however long they would keep dribbling.
      const all = [...slowHeaders, ...slowBodies]
      await expect.poll(() => all.filter((c) => c.closed()).length, { timeout: 60_000 }).toBe(all.length)
      expect(all.filter((c) => /^HTTP\/1\.1 408/.test(c.received()))).toHaveLength(all.length)
      expect(await health()).toBe(200)
      // A body its client never finished is not our failure: nothing is logged as an error.
      expect(errors.mock.calls.filter((args) => String(args[0]).includes('"level":"error"'))).toEqual([])
    } finally {
      errors.mockRestore()
      clearInterval(dribble)
    }
  })
})
