import { Hono } from 'hono'
import type { AuthConfig } from '../../../shared/api.js'
import type { AppEnv } from '../../auth/middleware.js'
import { allow } from '../../auth/policy.js'
import { clock } from '../../clock.js'
import { config } from '../../config.js'

/** `/v1/auth/config`: how the dashboard signs in (development login, or Cognito's Hosted UI). */
export const authConfig = new Hono<AppEnv>()

authConfig.get('/', allow({ access: 'public' }), (c) => {
  const { authMode, cognito } = config()
  const now = clock.now()
  if (authMode === 'dev') return c.json<AuthConfig>({ mode: 'dev', now })
  const domain = cognito?.domain
  return c.json<AuthConfig>({
    mode: 'cognito',
    clientId: cognito?.clientId ?? '',
    authorizeUrl: domain ? `${domain}/oauth2/authorize` : null,
    tokenUrl: domain ? `${domain}/oauth2/token` : null,
    now,
  })
})
