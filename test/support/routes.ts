import type { Hono } from 'hono'
import { createApiApp } from '../../functions/api/app.js'
import { POLICY, type RoutePolicy } from '../../functions/auth/policy.js'
import { createIngestApp } from '../../functions/ingest/app.js'

export const apiApp = createApiApp()
export const ingestApp = createIngestApp()

/** The Lambda apps whose routes must all declare and pass the access rules. */
export const APPS = { api: apiApp, ingest: ingestApp } as const
export type AppName = keyof typeof APPS

/** Every route (`METHOD /path`) of an app with the access rule it declares, if any; middleware is left out. */
export function routePolicies(app: Hono<never>): Map<string, RoutePolicy | undefined> {
  const byRoute = new Map<string, RoutePolicy | undefined>()
  for (const r of app.routes) {
    if (r.method === 'ALL') continue
    const key = `${r.method} ${r.path}`
    const policy = (r.handler as unknown as Record<symbol, RoutePolicy | undefined>)[POLICY]
    if (!byRoute.has(key) || policy) byRoute.set(key, policy ?? byRoute.get(key))
  }
  return byRoute
}

/** `api GET /v1/rankings/agencies`, … for every route of every app. */
export function allRoutes(): string[] {
  return Object.entries(APPS).flatMap(([name, app]) =>
    [...routePolicies(app as unknown as Hono<never>).keys()].map((route) => `${name} ${route}`),
  )
}
