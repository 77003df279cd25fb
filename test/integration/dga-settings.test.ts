import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../functions/auth/principal.js'
import { listAudit } from '../../functions/store/audit.js'
import type { PerformanceResponse, TargetsResponse } from '../../shared/api.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { apiApp, bearer, getJson } from '../fixtures/http.js'

/** A write to the API as a role, with its status and body (an error's message when refused). */
async function send(method: string, path: string, body?: unknown, role: Role = 'dga_admin') {
  const res = await apiApp.request(path, {
    method,
    headers: { ...(await bearer(role, ['agency-1'])), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  const text = await res.text()
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : undefined) as { error?: { code: string; message: string } } | undefined,
  }
}

const auditOf = async (action: string, target: string) =>
  (await listAudit()).filter((e) => e.action === action && e.target === target)

beforeAll(async () => {
  await storeCatalog(buildCatalog(3, 1))
})

describe('DGA targets: set, replace, remove', () => {
  it('records who replaced a target and when, with the value before and after', async () => {
    expect((await send('PUT', '/v1/targets/2569/agency-1', { downloads: 1000 })).status).toBe(200)
    expect((await send('PUT', '/v1/targets/2569/agency-1', { downloads: 2500 })).status).toBe(200)
    const [latest] = await auditOf('target.set', 'FY2569/agency-1')
    expect(latest).toMatchObject({ detail: { downloads: 2500, previous: 1000 } })
    expect(latest?.actor).toBeTruthy()
    expect(Number.isNaN(Date.parse(latest?.at ?? ''))).toBe(false)
  })

  it('removes a target: the agency goes back to the default target, and the removal is audited', async () => {
    await send('PUT', '/v1/targets/2569/agency-2', { downloads: 777 })
    const before = await getJson<PerformanceResponse>('/v1/agencies/agency-2/performance?fy=2569')
    expect(before.body.target).toBe(777)

    expect(await send('DELETE', '/v1/targets/2569/agency-2')).toEqual({ status: 204, body: undefined })

    const list = await getJson<TargetsResponse>('/v1/targets/2569')
    expect(list.body.items.map((t) => t.agencyId)).not.toContain('agency-2')
    const after = await getJson<PerformanceResponse>('/v1/agencies/agency-2/performance?fy=2569')
    expect(after.body.target).not.toBe(777)
    expect(after.body.targetSource).not.toBe(before.body.targetSource)
    const [removal] = await auditOf('target.remove', 'FY2569/agency-2')
    expect(removal).toMatchObject({ detail: { downloads: null, previous: 777 } })
    expect(removal?.actor).toBeTruthy()
  })

  it.each([
    ['/v1/targets/2569/agency-3', 'dga_admin', 404, 'has no target set for FY2569'],
    ['/v1/targets/69/agency-1', 'dga_admin', 400, 'fy must be'],
    ['/v1/targets/2569/agency-1', 'agency_exec', 403, 'role'],
  ] as const)('answers DELETE %s by %s with %i saying %s', async (path, role, status, words) => {
    const res = await send('DELETE', path, undefined, role)
    expect(res.status).toBe(status)
    expect(res.body?.error?.message).toContain(words)
  })

  it('changes nothing and audits nothing when a removal is refused', async () => {
    await send('PUT', '/v1/targets/2569/agency-3', { downloads: 50 })
    const audited = (await listAudit(500)).length
    expect((await send('DELETE', '/v1/targets/2569/agency-3', undefined, 'agency_exec')).status).toBe(403)
    const list = await getJson<TargetsResponse>('/v1/targets/2569')
    expect(list.body.items.find((t) => t.agencyId === 'agency-3')?.downloads).toBe(50)
    expect((await listAudit(500)).length).toBe(audited)
  })

  it.each([
    [{ downloads: '1500' }, 'downloads: must be a number of downloads'],
    [{}, 'downloads: must be a number of downloads'],
    [{ downloads: 1e13 }, 'downloads: must be at most 1,000,000,000,000'],
    [{ downloads: -3 }, 'downloads: must not be negative'],
  ])('refuses the target %j with 422 saying %s, and keeps the old one', async (body, words) => {
    await send('PUT', '/v1/targets/2569/agency-1', { downloads: 2500 })
    const res = await send('PUT', '/v1/targets/2569/agency-1', body)
    expect(res).toMatchObject({ status: 422, body: { error: { code: 'invalid' } } })
    expect(res.body?.error?.message).toContain(words)
    const list = await getJson<TargetsResponse>('/v1/targets/2569')
    expect(list.body.items.find((t) => t.agencyId === 'agency-1')?.downloads).toBe(2500)
  })
})

describe('the award programme: messages a person can act on', () => {
  it.each([
    [{ categories: [] }, 'categories: give at least one category'],
    [{ categories: [{ id: 'x', subject: 'agency', places: 0 }] }, 'categories[0].places: must be at least 1'],
    [{ categories: [{ id: 'x', subject: 'agency', places: 1.5 }] }, 'categories[0].places: must be a whole'],
    [{ categories: [{ id: 'x', subject: 'agency', places: 1001 }] }, 'categories[0].places: must be at most'],
    [{ categories: [{ id: 'x', subject: 'agency', places: '9' }] }, 'categories[0].places: must be a number'],
    [{ categories: [{ id: 'x', subject: 'people', places: 9 }] }, 'categories[0].subject: must be "agency"'],
    [
      { categories: [{ id: 'x', subject: 'agency', places: 9, metric: 'views' }] },
      'categories[0].metric: must be "downloads" or "uniqueDownloads"',
    ],
    [
      {
        categories: [
          { id: 'x', subject: 'agency', places: 9 },
          { id: 'x', subject: 'dataset', places: 9 },
        ],
      },
      'categories[1].id: duplicate id "x"',
    ],
  ])('refuses %j with 422 saying %s', async (body, words) => {
    const res = await send('PUT', '/v1/awards/2569/programme', body)
    expect(res.status).toBe(422)
    expect(res.body?.error?.message).toContain(words)
  })

  it('records a programme change with the programme before and after', async () => {
    const first = { categories: [{ id: 'agency-plaque', subject: 'agency', places: 9 }] }
    const second = { categories: [{ id: 'agency-plaque', subject: 'agency', places: 7 }] }
    expect((await send('PUT', '/v1/awards/2568/programme', first)).status).toBe(200)
    expect((await send('PUT', '/v1/awards/2568/programme', second)).status).toBe(200)
    const [latest] = await auditOf('awards.programme.set', 'FY2568')
    expect(latest).toMatchObject({ detail: { programme: second, previous: first } })
    expect(latest?.actor).toBeTruthy()
  })
})
