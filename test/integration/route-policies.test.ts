import type { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import apiApp from '../../functions/api/app.js'
import { POLICY } from '../../functions/auth/policy.js'
import ingestApp from '../../functions/ingest/app.js'

/** Every route's method and path, with the access rule it declares (if any). */
function routePolicies(app: Hono<never>) {
  const byRoute = new Map<string, unknown>()
  for (const r of app.routes) {
    if (r.method === 'ALL') continue
    const key = `${r.method} ${r.path}`
    const policy = (r.handler as unknown as Record<symbol, unknown>)[POLICY]
    if (!byRoute.has(key) || policy) byRoute.set(key, policy ?? byRoute.get(key))
  }
  return byRoute
}

describe('route access rules', () => {
  it.each([
    ['api', apiApp],
    ['ingest', ingestApp],
  ])('every route of the %s app declares who may call it', (_, app) => {
    const routes = routePolicies(app as unknown as Hono<never>)
    expect(routes.size).toBeGreaterThan(0)
    const missing = [...routes].filter(([, policy]) => !policy).map(([route]) => route)
    expect(missing).toEqual([])
  })
})
