import { computed, signal } from '@preact/signals'
import type { DevSession } from '../../../shared/api.js'
import { ApiClient } from '../api/client.js'

const stored = globalThis.sessionStorage?.getItem('session')

/** The signed-in session, kept for the browser tab. */
export const session = signal<DevSession | undefined>(stored ? (JSON.parse(stored) as DevSession) : undefined)

/** Set when the API refused the session's token (it expired): the sign-in page says so. */
export const sessionExpired = signal(false)

export const api = new ApiClient(
  () => session.value?.token,
  '',
  () => {
    setSession(undefined)
    sessionExpired.value = true
  },
)

export const isSignedIn = computed(() => session.value !== undefined)

export function setSession(next: DevSession | undefined): void {
  session.value = next
  if (next) sessionExpired.value = false
  if (next) sessionStorage.setItem('session', JSON.stringify(next))
  else sessionStorage.removeItem('session')
}
