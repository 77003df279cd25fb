import type { MiddlewareHandler } from 'hono'
import { type Config, config } from '../config.js'
import { ForbiddenError, UnauthorizedError } from '../errors.js'
import { IngestKeyring } from './api-keys.js'
import { type AppEnv, principalOf } from './middleware.js'
import { canSeeAgency, type Role } from './principal.js'

/**
 * Who may call a route. Every route declares one with `allow(...)`; a test walks the apps' routes and fails
 * when one has none.
 * - `public`: anyone (health, download redirects, signed unsubscribe links).
 * - `ingest`: the portal and importers, with an ingest key in `x-api-key`.
 * - roles: signed-in callers with one of the roles; `agencyParam`/`agencyQuery` name where the route names
 *   an agency, which an agency executive must be scoped to (DGA officials see every agency).
 */
export type RoutePolicy =
  | { access: 'public' }
  | { access: 'ingest' }
  | { access: 'signed-in'; roles: readonly Role[]; agencyParam?: string; agencyQuery?: string }

export const POLICY = Symbol('route policy')
export type PolicyMiddleware = MiddlewareHandler<AppEnv> & { [POLICY]: RoutePolicy }

// Rebuilt when the configuration is re-read, so a rotated key list takes effect with it.
let keyring: { from: Config; ring: IngestKeyring } | undefined
const ingestKeys = () => {
  const cfg = config()
  if (keyring?.from !== cfg) {
    keyring = { from: cfg, ring: new IngestKeyring(cfg.ingestApiKeys, cfg.ingestApiKeyHashes) }
  }
  return keyring.ring
}

const passThrough = (): MiddlewareHandler<AppEnv> => (_c, next) => next()

/** The route's access rule, enforced: 401 without credentials, 403 with the wrong role or agency. */
export function allow(policy: RoutePolicy): PolicyMiddleware {
  // Public routes (the health check, downloads) check nothing: no async step of their own in the chain.
  if (policy.access === 'public') return Object.assign(passThrough(), { [POLICY]: policy })
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (policy.access === 'ingest') {
      if (!ingestKeys().verify(c.req.header('x-api-key'))) {
        throw new UnauthorizedError('Send a valid ingest key in the x-api-key header')
      }
    } else if (policy.access === 'signed-in') {
      const principal = principalOf(c)
      if (!policy.roles.includes(principal.role)) {
        throw new ForbiddenError(`This needs the role ${policy.roles.join(' or ')}`)
      }
      const agencyId =
        (policy.agencyParam && c.req.param(policy.agencyParam)) ||
        (policy.agencyQuery && c.req.query(policy.agencyQuery))
      if (agencyId && !canSeeAgency(principal, agencyId)) {
        throw new ForbiddenError(`You may see your own agencies only, not ${agencyId}`)
      }
    }
    await next()
  }
  return Object.assign(middleware, { [POLICY]: policy })
}

/** Shorthands for the common rules. */
export const dgaOnly = () => allow({ access: 'signed-in', roles: ['dga_admin'] })
export const signedIn = (scope: { agencyParam?: string; agencyQuery?: string } = {}) =>
  allow({ access: 'signed-in', roles: ['dga_admin', 'agency_exec'], ...scope })
