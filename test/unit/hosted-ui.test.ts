import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { authorizeUrl, pkcePair, sessionFromIdToken } from '../../web/src/state/hosted-ui.js'

const cfg = {
  mode: 'cognito' as const,
  clientId: 'client-1',
  authorizeUrl: 'https://sign-in.example/oauth2/authorize',
  tokenUrl: 'https://sign-in.example/oauth2/token',
}
const idToken = (claims: Record<string, unknown>) =>
  `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`

describe('Hosted UI sign-in', () => {
  it('makes an S256 PKCE challenge of its verifier', async () => {
    const { verifier, challenge } = await pkcePair()
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'))
  })

  it('asks the Hosted UI for a code with PKCE, to come back to the dashboard', () => {
    const url = new URL(authorizeUrl(cfg, 'https://rankings.example/', 'state-1', 'challenge-1'))
    expect(url.origin + url.pathname).toBe(cfg.authorizeUrl)
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'https://rankings.example/',
      scope: 'openid email',
      state: 'state-1',
      code_challenge_method: 'S256',
      code_challenge: 'challenge-1',
    })
  })

  it.each([
    [{ 'cognito:groups': ['dga_admin'] }, 'dga_admin', []],
    [
      { 'cognito:groups': ['agency_exec'], 'custom:agency_ids': 'a-1, a-2', name: 'สมชาย' },
      'agency_exec',
      ['a-1', 'a-2'],
    ],
  ])('reads the role and agencies of an ID token %j', (claims, role, agencyIds) => {
    expect(sessionFromIdToken(idToken(claims), 3600)).toEqual({
      token: idToken(claims),
      expiresIn: 3600,
      role,
      agencyIds,
    })
  })
})
