import { signal } from '@preact/signals'
import type { AuthConfig } from '../../../shared/api.js'
import { followServerClock, now } from './clock.js'
import { finishSignIn, forgetRefreshToken, RETURN_TO, renewSignIn } from './hosted-ui.js'
import { api, setSession } from './session.js'

/** How this deployment signs in; undefined until the API has said. */
export const authConfig = signal<AuthConfig | undefined>(undefined)
export const signInError = signal<string | undefined>(undefined)

/** Reads the sign-in mode, and completes a Hosted UI sign-in when the browser has just come back from it. */
export async function loadAuth(): Promise<void> {
  try {
    const cfg = await api.authConfig()
    authConfig.value = cfg
    followServerClock(cfg.now)
    if (cfg.mode !== 'cognito') return
    // An expired ID token is renewed with the tab's refresh token, and the refused request sent again.
    api.renewWith(async () => {
      const renewed = await renewSignIn(cfg)
      if (renewed) setSession(renewed)
      return renewed !== undefined
    })
    const url = new URL(location.href)
    const session = await finishSignIn(cfg, url)
    if (session) setSession(session)
    if (url.searchParams.has('code')) {
      history.replaceState(null, '', `${url.pathname}${sessionStorage.getItem(RETURN_TO) ?? ''}`)
      sessionStorage.removeItem(RETURN_TO)
    }
  } catch (err) {
    signInError.value = (err as Error).message
    authConfig.value ??= { mode: 'dev', now: now() }
  }
}

/** Signs out of this tab: the session and the refresh token that could renew it. */
export function signOut(): void {
  forgetRefreshToken()
  setSession(undefined)
}
