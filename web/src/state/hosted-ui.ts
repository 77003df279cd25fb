import type { AuthConfig, DevSession } from '../../../shared/api.js'

/** Cognito's Hosted UI with the authorization code flow and PKCE (no client secret in the browser). */
export type CognitoConfig = Extract<AuthConfig, { mode: 'cognito' }>

const PENDING = 'sign-in-pending'
/** The location hash to come back to after the Hosted UI (its redirect URI is the bare origin). */
export const RETURN_TO = 'sign-in-return-to'
const REFRESH = 'refresh-token'

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

/** A random PKCE verifier and its S256 challenge. */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)))
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return { verifier, challenge: base64url(new Uint8Array(digest)) }
}

/** The Hosted UI address that signs the user in and comes back to `redirectUri` with a code. */
export function authorizeUrl(
  cfg: CognitoConfig,
  redirectUri: string,
  state: string,
  challenge: string,
): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: redirectUri,
    scope: 'openid email',
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  })
  return `${cfg.authorizeUrl}?${params}`
}

/** The session an ID token describes (the API verifies the token; this only reads it for display). */
export function sessionFromIdToken(idToken: string, expiresIn: number): DevSession {
  const payload = idToken.split('.')[1] ?? ''
  const json = decodeURIComponent(
    [...atob(payload.replace(/-/g, '+').replace(/_/g, '/'))]
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  )
  const claims = JSON.parse(json) as Record<string, unknown>
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : []
  const role = groups.includes('dga_admin') ? 'dga_admin' : 'agency_exec'
  const raw = claims['custom:agency_ids']
  const agencyIds =
    role === 'agency_exec' && typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : []
  return { token: idToken, expiresIn, role, agencyIds: agencyIds.filter(Boolean) }
}

/** A form POST to the token endpoint (the dashboard is a public client: no secret). */
const tokenRequest = (tokenUrl: string, form: Record<string, string>) =>
  fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  })

/** Sends the browser to the Hosted UI, keeping the PKCE verifier and state for the way back. */
export async function startSignIn(cfg: CognitoConfig): Promise<void> {
  const { verifier, challenge } = await pkcePair()
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)))
  const redirectUri = `${location.origin}/`
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, redirectUri }))
  // The page the reader was sent to (an email's link to a report file) is where they land once signed in.
  sessionStorage.setItem(RETURN_TO, location.hash)
  location.assign(authorizeUrl(cfg, redirectUri, state, challenge))
}

/** On the way back from the Hosted UI: exchanges the code for tokens; undefined when there is no sign-in. */
export async function finishSignIn(cfg: CognitoConfig, url: URL): Promise<DevSession | undefined> {
  const code = url.searchParams.get('code')
  const pending = sessionStorage.getItem(PENDING)
  if (!code || !pending || !cfg.tokenUrl) return undefined
  sessionStorage.removeItem(PENDING)
  const { verifier, state, redirectUri } = JSON.parse(pending) as Record<string, string>
  if (url.searchParams.get('state') !== state)
    throw new Error('The sign-in did not come back as sent; try again')
  const res = await tokenRequest(cfg.tokenUrl, {
    grant_type: 'authorization_code',
    client_id: cfg.clientId,
    code,
    redirect_uri: redirectUri as string,
    code_verifier: verifier as string,
  })
  if (!res.ok) throw new Error('Sign-in failed; try again')
  const tokens = (await res.json()) as { id_token: string; expires_in: number; refresh_token?: string }
  // Kept for this tab only: it renews the ID token (an hour) until the refresh token expires (days).
  if (tokens.refresh_token) sessionStorage.setItem(REFRESH, tokens.refresh_token)
  return sessionFromIdToken(tokens.id_token, tokens.expires_in)
}

/** New tokens for a refresh token from the token endpoint; undefined when it refuses (expired, revoked). */
export async function refreshTokens(
  cfg: CognitoConfig,
  refreshToken: string,
): Promise<{ id_token: string; expires_in: number } | undefined> {
  if (!cfg.tokenUrl) return undefined
  const res = await tokenRequest(cfg.tokenUrl, {
    grant_type: 'refresh_token',
    client_id: cfg.clientId,
    refresh_token: refreshToken,
  })
  if (!res.ok) return undefined
  const tokens = (await res.json().catch(() => undefined)) as
    | { id_token?: unknown; expires_in?: unknown }
    | undefined
  if (typeof tokens?.id_token !== 'string' || typeof tokens.expires_in !== 'number') return undefined
  return { id_token: tokens.id_token, expires_in: tokens.expires_in }
}

/** A fresh session from the tab's refresh token, or undefined (then the user signs in again). */
export async function renewSignIn(cfg: CognitoConfig): Promise<DevSession | undefined> {
  const refreshToken = sessionStorage.getItem(REFRESH)
  if (!refreshToken) return undefined
  const tokens = await refreshTokens(cfg, refreshToken)
  if (!tokens) {
    sessionStorage.removeItem(REFRESH)
    return undefined
  }
  return sessionFromIdToken(tokens.id_token, tokens.expires_in)
}

/** Forgets the tab's refresh token (signing out). */
export function forgetRefreshToken(): void {
  sessionStorage.removeItem(REFRESH)
}
