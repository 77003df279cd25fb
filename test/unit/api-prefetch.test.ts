import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DevSession } from '../../shared/api.js'
import { ApiClient, EARLY_READ_MS } from '../../web/src/api/client.js'
import {
  firstPageGate,
  landingRoute,
  prefetchFirstPage,
  rendersBeforeConfig,
} from '../../web/src/state/first-page.js'

/** A stand-in API that answers each path with how many times it was asked, and refuses any token but `good`. */
let seen: string[] = []
const server = createServer((req, res) => {
  seen.push(req.url ?? '')
  res.setHeader('content-type', 'application/json')
  if (req.headers.authorization !== 'Bearer good') {
    res.statusCode = 401
    res.end(JSON.stringify({ error: { code: 'unauthorized', message: 'sign in again' } }))
    return
  }
  res.end(JSON.stringify({ path: req.url, nth: seen.filter((u) => u === req.url).length }))
})
let base = ''
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((r) => server.close(r)))
beforeEach(() => {
  seen = []
})
afterEach(() => {
  vi.useRealTimers()
})

/** Waits until the stand-in API has been asked `n` times (a prefetch is sent without anyone awaiting it). */
const asked = (n: number) => vi.waitFor(() => expect(seen).toHaveLength(n))
const RANKING = '/v1/rankings/agencies?fy=2570'

describe("the API client's prefetched reads", () => {
  it("answers the page's request with the prefetched read, asking the API once", async () => {
    const client = new ApiClient(() => 'good', base)
    client.prefetch((a) => a.agencyRanking({ fy: 2570 }))
    await asked(1)
    expect(await client.agencyRanking({ fy: 2570 })).toEqual({ path: RANKING, nth: 1 })
    expect(seen).toEqual([RANKING])
  })

  it('passes a prefetched answer on once: the next same read asks the API again', async () => {
    const client = new ApiClient(() => 'good', base)
    client.prefetch((a) => a.agencyRanking({ fy: 2570 }))
    await client.agencyRanking({ fy: 2570 })
    expect(await client.agencyRanking({ fy: 2570 })).toEqual({ path: RANKING, nth: 2 })
  })

  it('does not answer another read with it (another period)', async () => {
    const client = new ApiClient(() => 'good', base)
    client.prefetch((a) => a.agencyRanking({ fy: 2569 }))
    expect(await client.agencyRanking({ fy: 2570 })).toEqual({ path: RANKING, nth: 1 })
    await asked(2)
  })

  it('does not answer a read made with another token (the session changed)', async () => {
    let token = 'good'
    const client = new ApiClient(() => token, base)
    client.prefetch((a) => a.agencyRanking({ fy: 2570 }))
    await asked(1)
    token = 'other'
    await expect(client.agencyRanking({ fy: 2570 })).rejects.toMatchObject({ status: 401 })
    expect(seen).toEqual([RANKING, RANKING])
  })

  it(`does not answer a read made more than ${EARLY_READ_MS / 1000} s later (it may be stale)`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const client = new ApiClient(() => 'good', base)
    client.prefetch((a) => a.agencyRanking({ fy: 2570 }))
    await asked(1)
    vi.setSystemTime(Date.now() + EARLY_READ_MS + 1)
    expect(await client.agencyRanking({ fy: 2570 })).toEqual({ path: RANKING, nth: 2 })
  })

  it("leaves a refused prefetch to the page's own request: renewed, not a session ended", async () => {
    let token = 'expired'
    let ended = 0
    const client = new ApiClient(
      () => token,
      base,
      () => ended++,
    )
    client.prefetch((a) => a.agencyRanking({ fy: 2570 }))
    await asked(1)
    expect(ended).toBe(0)
    client.renewWith(async () => {
      token = 'good'
      return true
    })
    // The page's request: refused with the old token, renewed, sent again and answered.
    expect(await client.agencyRanking({ fy: 2570 })).toEqual({ path: RANKING, nth: 3 })
    expect(ended).toBe(0)
  })

  it('keeps only reads for later: a change is sent each time it is asked', async () => {
    const client = new ApiClient(() => 'good', base)
    client.prefetch((a) => a.removeTarget(2570, 'agency-1'))
    await asked(1)
    await client.removeTarget(2570, 'agency-1')
    await asked(2)
  })
})

const dga: DevSession = { role: 'dga_admin', agencyIds: [], token: 'good' } as unknown as DevSession
const exec: DevSession = {
  role: 'agency_exec',
  agencyIds: ['agency-1'],
  token: 'good',
} as unknown as DevSession
// 2026-12-03 in Bangkok: fiscal year 2570, in its third month. 2026-10-05: the year's first month.
const DEC = Date.parse('2026-12-03T10:00:00+07:00')
const OCT = Date.parse('2026-10-05T10:00:00+07:00')

describe("the first page's prefetched data", () => {
  it.each<[string, DevSession | undefined, string, number, string[]]>([
    ["DGA's home: the fiscal year's ranking", dga, '', DEC, [RANKING]],
    [
      "DGA's home in a year's first month: last month's ranking",
      dga,
      '#/',
      OCT,
      ['/v1/rankings/agencies?month=2026-09'],
    ],
    [
      "a link to a month's ranking: that month's",
      dga,
      '#/rankings/2026-05',
      DEC,
      ['/v1/rankings/agencies?month=2026-05'],
    ],
    [
      "an executive's home: their agency's year",
      exec,
      '',
      DEC,
      ['/v1/agencies/agency-1/performance?fy=2570'],
    ],
    [
      "an agency's page: that agency's year",
      dga,
      '#/agency/a%2Fb',
      DEC,
      ['/v1/agencies/a%2Fb/performance?fy=2570'],
    ],
    ['an agency page naming none, for DGA: nothing', dga, '#/agency', DEC, []],
    ['another page: nothing', dga, '#/awards', DEC, []],
    ['a reader not signed in: nothing', undefined, '', DEC, []],
  ])('%s', async (_, session, hash, now, paths) => {
    const client = new ApiClient(() => 'good', base)
    // It says whether it asked (the reads that can wait then wait for that page's chart).
    expect(prefetchFirstPage(client, session, hash, now)).toBe(paths.length > 0)
    // What was asked for is exactly what the page will ask (a prefetch with nobody asking is sent anyway).
    await asked(paths.length)
    expect(seen).toEqual(paths)
  })

  it.each([
    ['', 'dga_admin', { page: 'rankings' }],
    ['#/', 'agency_exec', { page: 'agency' }],
    ['#/awards', 'agency_exec', { page: 'awards' }],
  ] as const)('lands %j for %s on %j', (hash, role, route) => {
    expect(landingRoute(hash, role)).toEqual(route)
  })
})

describe('rendering before the sign-in configuration has answered', () => {
  it.each([
    [true, true, '', true],
    [true, true, '?lang=en', true],
    // Back from the Hosted UI with a code: the sign-in finishes (and the session changes) before any page.
    [true, true, '?code=abc&state=xyz', false],
    // A new tab: the server's clock is not known yet, so the page's period could be another one.
    [true, false, '', false],
    // Signed out: the sign-in page needs the configuration to know how to sign in.
    [false, true, '', false],
  ])('signed in %s, clock kept %s, search "%s": %s', (signedIn, kept, search, expected) => {
    expect(rendersBeforeConfig(signedIn, kept, search)).toBe(expected)
  })
})

describe('reads that wait for the first page (issue #18)', () => {
  it('sends a read made to wait only once the first page is shown, then every later one at once', async () => {
    const gate = firstPageGate()
    const client = new ApiClient(() => 'good', base)
    const load = vi.fn(() => client.runs())
    const runs = gate.after(load)
    const waiting = runs()
    // Every promise that could have settled has (setImmediate runs after them): the read was not even made.
    await new Promise((r) => setImmediate(r))
    expect(load).not.toHaveBeenCalled()
    gate.shown()
    expect(await waiting).toEqual({ path: '/v1/runs', nth: 1 })
    gate.shown()
    expect(await runs()).toEqual({ path: '/v1/runs', nth: 2 })
    expect(seen).toEqual(['/v1/runs', '/v1/runs'])
  })

  it.each([
    ['#/rankings', true],
    ['#/agency/a1', true],
    ['#/awards', false],
    ['#/reports', false],
    ['#/overview', false],
    ['#/settings', false],
  ] as const)('a first page at %j waits for its chart: %s', async (hash, waits) => {
    expect(prefetchFirstPage(new ApiClient(() => 'good', base), dga, hash, DEC)).toBe(waits)
    await asked(waits ? 1 : 0)
  })
})
