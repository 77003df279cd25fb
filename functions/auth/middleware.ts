import type { Context, MiddlewareHandler } from 'hono'
import { config } from '../config.js'
import { ForbiddenError, UnauthorizedError } from '../errors.js'
import { verifyDevToken } from './dev-tokens.js'
import type { Principal, Role } from './principal.js'

export type AppEnv = { Variables: { principal: Principal | undefined } }

function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization')
  const m = header ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim()) : null
  return m?.[1]
}

/** Reads the caller's token, when there is one; routes decide what they require. */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearer(c)
    if (c.req.header('authorization') !== undefined && !token) {
      throw new UnauthorizedError('Authorization header must be "Bearer <token>"')
    }
    let principal: Principal | undefined
    if (token) {
      const { authMode, devSigningKey } = config()
      if (authMode === 'dev' && devSigningKey) principal = await verifyDevToken(devSigningKey, token)
      if (!principal) throw new UnauthorizedError('The token is invalid or expired; sign in again')
    }
    c.set('principal', principal)
    await next()
  }
}

/** The signed-in caller; 401 when there is none. */
export function principalOf(c: Context<AppEnv>): Principal {
  const p = c.get('principal')
  if (!p) throw new UnauthorizedError()
  return p
}

/** Lets through only signed-in callers with one of these roles (401 without sign-in, 403 otherwise). */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = principalOf(c)
    if (!roles.includes(p.role)) throw new ForbiddenError(`This needs the role ${roles.join(' or ')}`)
    await next()
  }
}
