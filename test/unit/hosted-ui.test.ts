import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CognitoConfig, refreshTokens } from '../../web/src/state/hosted-ui.js'

/** A stand-in for Cognito's token endpoint: answers the refresh token `valid`, refuses any other. */
const requests: { contentType?: string; form: Record<string, string> }[] = []
let answer: 'tokens' | 'garbage' = 'tokens'
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (d) => {
    body += d
  })
  req.on('end', () => {
    const form = Object.fromEntries(new URLSearchParams(body))
    requests.push({ contentType: req.headers['content-type'], form })
    res.setHeader('content-type', 'application/json')
    if (form.refresh_token !== 'valid') {
      res.statusCode = 400
      res.end(JSON.stringify({ error: 'invalid_grant' }))
    } else
      res.end(
        answer === 'tokens' ? JSON.stringify({ id_token: 'a.b.c', expires_in: 3600 }) : '{"id_token":1}',
      )
  })
})
let cfg: CognitoConfig
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as AddressInfo).port
  cfg = {
    mode: 'cognito',
    now: 0,
    clientId: 'dashboard-client',
    authorizeUrl: `http://127.0.0.1:${port}/oauth2/authorize`,
    tokenUrl: `http://127.0.0.1:${port}/oauth2/token`,
  }
})
afterAll(() => new Promise((r) => server.close(r)))

describe('renewing a Hosted UI sign-in with the refresh token', () => {
  it('asks the token endpoint with the refresh_token grant of the dashboard client, and answers the new ID token', async () => {
    expect(await refreshTokens(cfg, 'valid')).toEqual({ id_token: 'a.b.c', expires_in: 3600 })
    expect(requests.at(-1)).toEqual({
      contentType: 'application/x-www-form-urlencoded',
      form: { grant_type: 'refresh_token', client_id: 'dashboard-client', refresh_token: 'valid' },
    })
  })

  it.each([
    ['a refused (expired or revoked) refresh token', 'revoked', 'tokens'],
    ['an answer without a usable ID token', 'valid', 'garbage'],
  ] as const)('answers undefined for %s, so the user signs in again', async (_, token, kind) => {
    answer = kind
    try {
      expect(await refreshTokens(cfg, token)).toBeUndefined()
    } finally {
      answer = 'tokens'
    }
  })
})
