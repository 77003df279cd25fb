import { Hono } from 'hono'
import { normalizeCode } from '../../../shared/certification.js'
import { unknownCodePage, verificationPage } from '../../../shared/certification-page.js'
import type { AppEnv } from '../../auth/middleware.js'
import { allow } from '../../auth/policy.js'
import { verifyCertificate } from '../../certificates/verify.js'

/** `GET /verify/:code`: the public verification page a certificate's QR code opens (no sign-in). */
export const verify = new Hono<AppEnv>()

verify.get('/:code', allow({ access: 'public' }), async (c) => {
  // A code of the wrong shape (or a mistyped one: its check character fails) is refused before any look-up.
  const code = normalizeCode(c.req.param('code'))
  const found = code === undefined ? undefined : await verifyCertificate(code)
  if (!found) return c.html(unknownCodePage(), 404, { 'cache-control': 'no-store' })
  return c.html(verificationPage(found), 200, { 'cache-control': 'public, max-age=300' })
})
