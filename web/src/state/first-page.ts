import type { DevSession } from '../../../shared/api.js'
import { landingPeriod } from '../../../shared/ranking-periods.js'
import { fiscalYearOf } from '../../../shared/time.js'
import type { ApiClient } from '../api/client.js'
import { agencyOfRoute, parseRoute, type Route } from './navigation.js'

/** The page a signed-in reader lands on: the address's fragment, or their home when it names none. */
export function landingRoute(hash: string, role: DevSession['role'] | undefined): Route {
  if (hash.replace(/^#\/?/, '') === '')
    return role === 'agency_exec' ? { page: 'agency' } : { page: 'rankings' }
  return parseRoute(hash)
}

/**
 * The first page's main data, asked for as the dashboard starts, beside its sign-in configuration rather than
 * after it and after the first render (issue #18: the phone's time to usable): the rankings page's ranking, an
 * agency page's performance. The page asks for the same read as it renders and takes this answer; the period is
 * the one the page will choose, on the tab's last known server clock (a read for another one is simply not
 * taken). Other pages, and a signed-out reader, prefetch nothing. Says whether it asked: a page with such data
 * shows it with a chart, which the reads that can wait wait for (`firstPage`).
 */
export function prefetchFirstPage(
  api: ApiClient,
  session: DevSession | undefined,
  hash: string,
  now: number,
): boolean {
  if (!session) return false
  const route = landingRoute(hash, session.role)
  if (route.page === 'rankings') {
    const period = route.month ? { month: route.month } : landingPeriod(now)
    api.prefetch((a) => a.agencyRanking(period))
    return true
  }
  const agencyId = route.page === 'agency' ? agencyOfRoute(route, session.agencyIds ?? []) : undefined
  if (!agencyId) return false
  api.prefetch((a) => a.agencyPerformance(agencyId, fiscalYearOf(now)))
  return true
}

/**
 * Whether the dashboard renders before its sign-in configuration has answered (issue #18): only for a reader
 * whose tab holds a session and the server's clock from an earlier load (the page's period and fiscal year are
 * then the ones it will keep), and who is not coming back from the Hosted UI with a code to exchange (that
 * sign-in finishes first). A new or signed-out reader waits for the configuration, which says how to sign in.
 */
export function rendersBeforeConfig(signedIn: boolean, clockKept: boolean, search: string): boolean {
  return signedIn && clockKept && !new URLSearchParams(search).has('code')
}

/** How long the reads that wait for the first page wait at most: for a first page whose chart is never drawn. */
export const FIRST_PAGE_PATIENCE_MS = 3000

/**
 * The first page's main content on screen, and the reads that wait for it (issue #18): the banners, the fiscal
 * years offered and an agency's integrity section are not what a reader opened the dashboard for, and on a phone
 * their requests, answers and renders took the main thread while the first page was still being drawn. `after`
 * wraps such a read; `shown` lets them go (the chart drawn, a first page without prefetched data, or a sign-in).
 */
export function firstPageGate(): { after<T>(load: () => Promise<T>): () => Promise<T>; shown(): void } {
  let open: () => void = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return {
    after: (load) => () => opened.then(load),
    shown: () => open(),
  }
}

/** The dashboard's gate (a tab has one first page). */
export const firstPage = firstPageGate()
