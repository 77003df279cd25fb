import type { MiddlewareHandler } from 'hono'
import { config } from '../config.js'

/**
 * The dashboard's Content Security Policy: everything from our own origin, no inline scripts or styles,
 * no plugins, and no framing (clickjacking). Fonts may be inlined by the build as data: URLs.
 */
export const dashboardCsp = (signInOrigin?: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    // The Cognito Hosted UI's token endpoint, where the dashboard exchanges its sign-in code.
    `connect-src 'self'${signInOrigin ? ` ${signInOrigin}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')

/** JSON and redirects need nothing at all from a browser's point of view. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

const COMMON: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
}

/** Responses that already carry every security header (built by `redirectResponse`, or seen once). */
const secured = new WeakSet<Response>()

/**
 * A redirect that already carries the security headers, built with plain headers: the download route's
 * answer, which the middleware then leaves alone (a hot path: no second pass over the headers).
 */
export function redirectResponse(location: string, extra: Record<string, string> = {}): Response {
  const res = new Response(null, {
    status: 302,
    headers: { location, ...extra, ...COMMON, 'content-security-policy': API_CSP },
  })
  secured.add(res)
  return res
}

const COMMON_ENTRIES = Object.entries(COMMON)

/**
 * Security headers on every response, errors included. An HTML document (the dashboard) gets the
 * dashboard's policy, anything else (JSON, redirects, scripts, styles) the strict one; the choice depends
 * only on the response, so the API, ingest and local apps can all use this middleware, nested or not
 * (a response is dealt with once: the innermost instance sets the headers, the others find it done).
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const res = c.res
    if (secured.has(res)) return
    const headers = res.headers
    const html = headers.get('content-type')?.startsWith('text/html') ?? false
    for (const [name, value] of COMMON_ENTRIES) headers.set(name, value)
    headers.set('content-security-policy', html ? dashboardCsp(config().cognito?.domain) : API_CSP)
    secured.add(res)
  }
}
