import type { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { APPS, routePolicies } from '../support/routes.js'

describe('route access rules', () => {
  it.each(Object.entries(APPS))('every route of the %s app declares who may call it', (_, app) => {
    const routes = routePolicies(app as unknown as Hono<never>)
    expect(routes.size).toBeGreaterThan(0)
    const missing = [...routes].filter(([, policy]) => !policy).map(([route]) => route)
    expect(missing).toEqual([])
  })
})
