import { CognitoJwtVerifier } from 'aws-jwt-verify'
import { ConfigError, config } from '../config.js'
import type { Principal, Role } from './principal.js'

/** The user attribute that lists an executive's agencies (CKAN organization ids, comma-separated). */
export const AGENCY_IDS_ATTRIBUTE = 'custom:agency_ids'

/** Cognito groups that grant a role; a user in both is a DGA official. */
const GROUP_ROLES: readonly [group: string, role: Role][] = [
  ['dga_admin', 'dga_admin'],
  ['agency_exec', 'agency_exec'],
]

function createVerifier(userPoolId: string, clientId: string) {
  // ID tokens: only they carry custom attributes; the audience is the dashboard's app client.
  return CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' })
}

let verifier: { key: string; instance: ReturnType<typeof createVerifier> } | undefined

/** The verifier of this process (its JWKS cache lives as long as the Lambda instance). */
export function cognitoVerifier() {
  const cognito = config().cognito
  if (!cognito) throw new ConfigError('AUTH_MODE=cognito needs COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID')
  const key = `${cognito.userPoolId} ${cognito.clientId}`
  if (verifier?.key !== key)
    verifier = { key, instance: createVerifier(cognito.userPoolId, cognito.clientId) }
  return verifier.instance
}

/** Maps verified ID token claims to a principal; undefined when the user is in no group of ours. */
export function principalFromClaims(claims: Record<string, unknown>): Principal | undefined {
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'].map(String) : []
  const role = GROUP_ROLES.find(([group]) => groups.includes(group))?.[1]
  if (!role || typeof claims.sub !== 'string') return undefined
  const raw = claims[AGENCY_IDS_ATTRIBUTE]
  const agencyIds =
    role === 'agency_exec' && typeof raw === 'string'
      ? [
          ...new Set(
            raw
              .split(',')
              .map((id) => id.trim())
              .filter(Boolean),
          ),
        ]
      : []
  return { subject: claims.sub, role, agencyIds }
}

/**
 * Verifies a Cognito ID token (signature against the pool's JWKS, issuer, audience = app client, expiry,
 * token use `id`) and maps it to a principal; undefined when any check fails.
 */
export async function verifyCognitoToken(token: string): Promise<Principal | undefined> {
  const verifier = cognitoVerifier() // a missing pool is our fault (500, logged), not the caller's
  try {
    const claims = await verifier.verify(token)
    return principalFromClaims(claims as Record<string, unknown>)
  } catch {
    return undefined
  }
}
