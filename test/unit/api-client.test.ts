import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ApiClient, ApiError } from '../../web/src/api/client.js'

/** A local server that accepts only the token `good` (a stand-in API, for the client's own behaviour). */
const server = createServer(async (req, res) => {
  // `?late`: the refusal comes after a while (it arrives once another request has renewed the token).
  if (req.url?.includes('late')) await new Promise((r) => setTimeout(r, 150))
  res.setHeader('content-type', 'application/json')
  if (req.headers.authorization === 'Bearer good') {
    res.end(JSON.stringify({ mode: 'dev' }))
    return
  }
  res.statusCode = 401
  res.end(
    JSON.stringify({
      error: { code: 'unauthorized', message: 'The token is invalid or expired; sign in again' },
    }),
  )
})
let base = ''
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((r) => server.close(r)))

describe('the dashboard API client', () => {
  it('ends the session when the API refuses the token it was sent', async () => {
    let ended = 0
    const client = new ApiClient(
      () => 'expired',
      base,
      () => ended++,
    )
    const refused = await client.authConfig().catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).status).toBe(401)
    expect((refused as ApiError).message).toContain('sign in again')
    expect(ended).toBe(1)
  })

  it('does not end a session it never had (a 401 without a token)', async () => {
    let ended = 0
    const client = new ApiClient(
      () => undefined,
      base,
      () => ended++,
    )
    await expect(client.authConfig()).rejects.toBeInstanceOf(ApiError)
    expect(ended).toBe(0)
  })

  it('answers normally with a good token', async () => {
    let ended = 0
    const client = new ApiClient(
      () => 'good',
      base,
      () => ended++,
    )
    expect(await client.authConfig()).toEqual({ mode: 'dev' })
    expect(ended).toBe(0)
  })

  it('renews a refused token once, sends the request again, and keeps the session', async () => {
    let token = 'expired'
    let ended = 0
    let renewals = 0
    const client = new ApiClient(
      () => token,
      base,
      () => ended++,
    )
    client.renewWith(async () => {
      renewals++
      await new Promise((r) => setTimeout(r, 20))
      token = 'good'
      return true
    })
    // Three requests refused at once share one renewal, and all three are answered.
    expect(await Promise.all([client.authConfig(), client.authConfig(), client.authConfig()])).toEqual([
      { mode: 'dev' },
      { mode: 'dev' },
      { mode: 'dev' },
    ])
    expect(renewals).toBe(1)
    expect(ended).toBe(0)
  })

  it('sends a request refused late with the old token again with the renewed one, without a second renewal', async () => {
    let token = 'expired'
    let renewals = 0
    const client = new ApiClient(() => token, base)
    client.renewWith(async () => {
      renewals++
      token = 'good'
      return true
    })
    const late = (client as unknown as { request<T>(m: string, p: string): Promise<T> }).request(
      'GET',
      '/late',
    )
    expect(await client.authConfig()).toEqual({ mode: 'dev' }) // refused at once, renewed
    expect(await late).toEqual({ mode: 'dev' }) // refused later with the old token: sent again
    expect(renewals).toBe(1)
  })

  it.each([
    ['the renewal fails', async () => false],
    ['the renewal throws', async () => Promise.reject(new Error('token endpoint down'))],
    ['the renewed token is refused too', async () => true],
  ])('ends the session once when %s (no loop)', async (_, renew) => {
    let ended = 0
    let calls = 0
    const client = new ApiClient(
      () => 'expired',
      base,
      () => ended++,
    )
    client.renewWith(() => {
      calls++
      return renew()
    })
    await expect(client.authConfig()).rejects.toMatchObject({ status: 401 })
    expect([calls, ended]).toEqual([1, 1])
  })

  it('judges a refusal only once the sign-in configuration has said how to renew (the page may ask before)', async () => {
    let token = 'expired'
    let ended = 0
    const client = new ApiClient(
      () => token,
      base,
      () => ended++,
    )
    let configured: () => void = () => {}
    client.judgeRefusalsAfter(new Promise<void>((r) => (configured = r)))
    // The page asks before the configuration has answered; its refusal, read in full, waits instead of ending
    // the session (a turn of the event loop after the body was read: all the client's own steps have run).
    const read = vi.spyOn(Response.prototype, 'json')
    const asked = client.agencyRanking({ fy: 2570 })
    await expect.poll(() => read.mock.results.length).toBe(1)
    await read.mock.results[0]?.value
    await new Promise((r) => setImmediate(r))
    read.mockRestore()
    expect(ended).toBe(0)
    // The configuration answers and sets up the renewal (Cognito's refresh token): the request is sent again.
    client.renewWith(async () => {
      token = 'good'
      return true
    })
    configured()
    expect(await asked).toEqual({ mode: 'dev' })
    expect(ended).toBe(0)
  })

  it("never holds the configuration's own request on itself", async () => {
    let ended = 0
    const client = new ApiClient(
      () => 'expired',
      base,
      () => ended++,
    )
    client.judgeRefusalsAfter(new Promise(() => {}))
    await expect(client.authConfig()).rejects.toMatchObject({ status: 401 })
    expect(ended).toBe(1)
  })

  it('still ends the session on a refusal after the configuration answered without a renewal', async () => {
    let ended = 0
    const client = new ApiClient(
      () => 'expired',
      base,
      () => ended++,
    )
    client.judgeRefusalsAfter(Promise.reject(new Error('configuration unreachable')))
    await expect(client.agencyRanking({ fy: 2570 })).rejects.toMatchObject({ status: 401 })
    expect(ended).toBe(1)
  })
})
