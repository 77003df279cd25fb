import type { Context, MiddlewareHandler } from 'hono'
import { config } from '../config.js'
import { UnauthorizedError } from '../errors.js'
import { verifyCognitoToken } from './cognito.js'
import { verifyDevToken } from './dev-tokens.js'
import type { Principal } from './principal.js'

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
      if (authMode === 'cognito') principal = await verifyCognitoToken(token)
      else if (devSigningKey) principal = await verifyDevToken(devSigningKey, token)
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
