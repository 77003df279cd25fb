import { beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import { clock } from '../../functions/clock.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { getJson } from '../fixtures/http.js'

const apiApp = createApiApp()

beforeAll(() => storeCatalog(buildCatalog(4, 1)))

const session = (body: unknown) =>
  apiApp.request('/v1/dev/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('GET /v1/rankings/agencies', () => {
  it('lists every agency of the catalog, zero downloads included, all tied at rank 1', async () => {
    const { status, body } = await getJson<{ items: { rank: number; downloads: number }[]; period: unknown }>(
      '/v1/rankings/agencies?month=2022-11',
    )
    expect(status).toBe(200)
    expect(body.items).toHaveLength(4)
    expect(body.items.every((i) => i.rank === 1 && i.downloads === 0)).toBe(true)
    expect(body.period).toMatchObject({ month: '2022-11', complete: true })
  })

  it('reads a fiscal year', async () => {
    const { status, body } = await getJson<{ period: { fy: number } }>('/v1/rankings/agencies?fy=2566')
    expect(status).toBe(200)
    expect(body.period.fy).toBe(2566)
  })

  it.each([
    ['', 400, 'exactly one'],
    ['?month=2022-13', 400, 'month'],
    ['?month=2022-11&fy=2566', 400, 'exactly one'],
    ['?fy=2022', 400, 'fy'],
    ['?month=2999-01', 422, 'future'],
    ['?fy=2700', 422, 'future'],
  ])('answers %s with %i naming the parameter', async (query, status, words) => {
    const res = await getJson<{ error: { message: string } }>(`/v1/rankings/agencies${query}`)
    expect(res.status).toBe(status)
    expect(res.body.error.message).toContain(words)
  })

  it('answers 401 with a forged token', async () => {
    const res = await apiApp.request('/v1/rankings/agencies?month=2022-11', {
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiZGdhX2FkbWluIn0.forged' },
    })
    expect(res.status).toBe(401)
  })
})

describe('GET /v1/rankings/datasets', () => {
  it('refuses an executive asking for another agency', async () => {
    const res = await getJson('/v1/rankings/datasets?month=2022-11&agencyId=agency-2', 'agency_exec', [
      'agency-1',
    ])
    expect(res.status).toBe(403)
  })
})

describe('GET /v1/auth/config', () => {
  it('tells the dashboard to use the development login in dev mode, and the time on the product clock', async () => {
    const before = clock.now()
    const res = await apiApp.request('/v1/auth/config')
    const body = (await res.json()) as { mode: string; now: number }
    expect(body.mode).toBe('dev')
    // The suite runs as of OGD_NOW: the dashboard is told that instant, not the wall clock.
    expect(body.now).toBeGreaterThanOrEqual(before)
    expect(body.now).toBeLessThanOrEqual(clock.now())
    expect(Math.abs(body.now - Date.parse(process.env.OGD_NOW as string))).toBeLessThan(3_600_000)
  })
})

describe('POST /v1/dev/session', () => {
  it('gives a token that signs in', async () => {
    const res = await session({ role: 'agency_exec', agencyIds: ['agency-1'] })
    expect(res.status).toBe(200)
    const { token } = (await res.json()) as { token: string }
    const ranked = await apiApp.request('/v1/rankings/agencies?month=2022-11', {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(ranked.status).toBe(200)
  })

  it.each([
    [{ role: 'root' }, 'role'],
    [{ role: 'agency_exec' }, 'agencyIds'],
    [{ role: 'dga_admin', extra: 1 }, 'extra'],
    [{ role: 'agency_exec', agencyIds: ['no-such-agency'] }, 'no such agency in the catalog: no-such-agency'],
  ])('answers 422 for %j', async (body, field) => {
    const res = await session(body)
    expect(res.status).toBe(422)
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(field)
  })
})

describe('GET /v1/dev/session/agencies', () => {
  it('lists the catalog agencies an executive can sign in as, in Thai collation order', async () => {
    const res = await apiApp.request('/v1/dev/session/agencies')
    expect(res.status).toBe(200)
    const { items } = (await res.json()) as { items: { agencyId: string; name: { th: string } }[] }
    expect(items.map((i) => i.agencyId).sort()).toEqual(['agency-1', 'agency-2', 'agency-3', 'agency-4'])
    const names = items.map((i) => i.name.th)
    expect(names).toEqual([...names].sort(new Intl.Collator('th').compare))
  })
})

describe('the health check', () => {
  it('answers ok, with one coarse word on counting', async () => {
    const res = await apiApp.request('/healthz')
    const body = (await res.json()) as { status: string; counting: string }
    expect(body.status).toBe('ok')
    expect(['ok', 'behind', 'unknown']).toContain(body.counting)
    expect(Object.keys(body).sort()).toEqual(['counting', 'status'])
  })
})
