import { beforeAll, describe, expect, it } from 'vitest'
import { cognitoVerifier } from '../../functions/auth/cognito.js'
import { signDevToken } from '../../functions/auth/dev-tokens.js'
import { resetConfig } from '../../functions/config.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { CLIENT_ID, ISSUER, idTokenClaims, signingKey, signJwt, USER_POOL_ID } from '../fixtures/cognito.js'

// This file runs the API in Cognito mode; its modules are its own, so the other files stay in dev mode.
const HOSTED_UI = 'https://ogd-rankings.auth.ap-southeast-1.amazoncognito.com'
Object.assign(process.env, {
  AUTH_MODE: 'cognito',
  COGNITO_USER_POOL_ID: USER_POOL_ID,
  COGNITO_CLIENT_ID: CLIENT_ID,
  COGNITO_DOMAIN: HOSTED_UI,
})
resetConfig()
const apiApp = (await import('../../functions/api/app.js')).createApiApp()

const poolKey = signingKey('pool-key-1')
const attackerKey = signingKey('pool-key-1') // same key id, a different private key
const header = { alg: 'RS256', kid: poolKey.kid, typ: 'JWT' }

const DGA = { 'cognito:groups': ['dga_admin'] }
const EXEC = { 'cognito:groups': ['agency_exec'], 'custom:agency_ids': 'agency-1, agency-3' }

beforeAll(async () => {
  // The verifier's own cache priming: the pool's JWKS without any network.
  cognitoVerifier().cacheJwks({ keys: [poolKey.jwk] })
  await storeCatalog(buildCatalog(4, 1))
})

const call = (path: string, token: string) =>
  apiApp.request(path, { headers: { authorization: `Bearer ${token}` } })
const rankings = '/v1/rankings/datasets?month=2022-11'

describe('AUTH_MODE=cognito', () => {
  it('signs in a DGA official from the dga_admin group', async () => {
    const res = await call('/v1/audit', signJwt(header, idTokenClaims(DGA), poolKey.privateKey))
    expect(res.status).toBe(200)
  })

  it('scopes an executive to the agencies of custom:agency_ids', async () => {
    const token = signJwt(header, idTokenClaims(EXEC), poolKey.privateKey)
    expect((await call(`${rankings}&agencyId=agency-3`, token)).status).toBe(200)
    expect((await call(`${rankings}&agencyId=agency-2`, token)).status).toBe(403)
    expect((await call('/v1/audit', token)).status).toBe(403)
  })

  const now = Date.now()
  it.each([
    ['forged: signed with another key', signJwt(header, idTokenClaims(DGA), attackerKey.privateKey)],
    ['expired', signJwt(header, idTokenClaims(DGA, now - 2 * 3600_000), poolKey.privateKey)],
    [
      'for another app client',
      signJwt(header, idTokenClaims({ ...DGA, aud: 'other-client' }), poolKey.privateKey),
    ],
    [
      'from another user pool',
      signJwt(header, idTokenClaims({ ...DGA, iss: `${ISSUER}x` }), poolKey.privateKey),
    ],
    ['an access token', signJwt(header, idTokenClaims({ ...DGA, token_use: 'access' }), poolKey.privateKey)],
    [
      'a user in none of our groups',
      signJwt(header, idTokenClaims({ 'cognito:groups': ['x'] }), poolKey.privateKey),
    ],
    [
      'with its claims changed after signing',
      tamper(signJwt(header, idTokenClaims(EXEC), poolKey.privateKey)),
    ],
    ['unsigned (alg none)', `${b64({ alg: 'none', kid: poolKey.kid })}.${b64(idTokenClaims(DGA))}.`],
    ['not a JWT', 'not-a-token'],
  ])('refuses a token %s with 401', async (_, token) => {
    const res = await call('/v1/rankings/agencies?month=2022-11', token)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } })
  })

  it('tells the dashboard to sign in through the Hosted UI, and lets its CSP reach the token endpoint', async () => {
    const res = await apiApp.request('/v1/auth/config')
    expect(await res.json()).toEqual({
      mode: 'cognito',
      clientId: CLIENT_ID,
      authorizeUrl: `${HOSTED_UI}/oauth2/authorize`,
      tokenUrl: `${HOSTED_UI}/oauth2/token`,
      now: expect.any(Number),
    })
    const { securityHeaders } = await import('../../functions/auth/security-headers.js')
    const { Hono } = await import('hono')
    const page = new Hono().use('*', securityHeaders()).get('/', (c) => c.html('<p>'))
    const csp = (await page.request('/')).headers.get('content-security-policy')
    expect(csp).toContain(`connect-src 'self' ${HOSTED_UI}`)
  })

  it('refuses development tokens and has no development sign-in', async () => {
    const devToken = await signDevToken('any-key-at-all-that-is-long', 'dga_admin', [])
    expect((await call('/v1/rankings/agencies?month=2022-11', devToken)).status).toBe(401)
    const session = await apiApp.request('/v1/dev/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'dga_admin' }),
    })
    expect(session.status).toBe(404)
  })
})

function b64(value: unknown) {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** Makes an executive's token claim the dga_admin group, keeping the original signature. */
function tamper(token: string) {
  const [h, p, s] = token.split('.') as [string, string, string]
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString())
  return `${h}.${b64({ ...claims, 'cognito:groups': ['dga_admin'] })}.${s}`
}
