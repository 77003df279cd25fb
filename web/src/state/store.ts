import { computed, type ReadonlySignal, type Signal, signal } from '@preact/signals'
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { DevSession } from '../../../shared/api.js'
import { fiscalYearOf } from '../../../shared/time.js'
import type { ApiClient } from '../api/client.js'
import { now as clockNow } from './clock.js'
import { landingRoute } from './first-page.js'
import { type Route, routeHash } from './navigation.js'

/** The dashboard's state, built outside components and passed to them by context. */
export interface DashboardStore {
  api: ApiClient
  session: ReadonlySignal<DevSession | undefined>
  /** The page shown: the address's fragment, or the reader's home page when it names none. */
  route: ReadonlySignal<Route>
  /** The fiscal year (Buddhist Era) the awards and agency pages show; shared so it follows the reader. */
  fy: Signal<number>
  currentFy: number
  navigate(route: Route): void
}

/** A store over the browser's address (when there is one): following links and the back button. */
export function createStore(
  api: ApiClient,
  session: ReadonlySignal<DevSession | undefined>,
  now = clockNow(),
): DashboardStore {
  const hash = signal(globalThis.location?.hash ?? '')
  globalThis.addEventListener?.('hashchange', () => {
    hash.value = location.hash
  })
  // An executive's home is their agency; a DGA official's is the national ranking.
  const route = computed<Route>(() => landingRoute(hash.value, session.value?.role))
  const currentFy = fiscalYearOf(now)
  return {
    api,
    session,
    route,
    fy: signal(currentFy),
    currentFy,
    navigate(next) {
      hash.value = routeHash(next)
      if (globalThis.location) location.hash = hash.value
    },
  }
}

export const StoreContext = createContext<DashboardStore | undefined>(undefined)

/** The dashboard's store, from the nearest provider. */
export function useStore(): DashboardStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStore needs a StoreContext provider')
  return store
}
