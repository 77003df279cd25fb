import { sign, verify } from 'hono/jwt'
import type { Principal, Role } from './principal.js'

const ISSUER = 'ogd-rankings-dev'
export const DEV_TOKEN_TTL_S = 8 * 60 * 60

/** Signs a short-lived development token (AUTH_MODE=dev only). */
export async function signDevToken(key: string, role: Role, agencyIds: string[], now = Date.now()) {
  const iat = Math.floor(now / 1000)
  return sign(
    { iss: ISSUER, sub: `dev-${role}`, role, agencyIds, iat, exp: iat + DEV_TOKEN_TTL_S },
    key,
    'HS256',
  )
}

/** Verifies a development token; undefined when it is forged, expired or malformed. */
export async function verifyDevToken(key: string, token: string): Promise<Principal | undefined> {
  try {
    const payload = await verify(token, key, { alg: 'HS256', iss: ISSUER })
    const role = payload.role
    if (role !== 'dga_admin' && role !== 'agency_exec') return undefined
    const agencyIds = Array.isArray(payload.agencyIds) ? payload.agencyIds.map(String) : []
    return { subject: String(payload.sub), role, agencyIds }
  } catch {
    return undefined
  }
}
