import { parseReportLink, type ReportLink, reportLinkHash } from '../../../shared/links.js'
import { isMonth } from '../../../shared/time.js'

/** Where the dashboard is: one page, as the address's fragment says (no server paths needed). */
export type Route =
  | { page: 'overview' }
  | { page: 'rankings'; month?: string }
  | { page: 'awards' }
  | { page: 'reports'; open?: ReportLink }
  | { page: 'subscriptions' }
  | { page: 'settings' }
  | { page: 'agency'; agencyId?: string }

/**
 * The route a location hash names: `#/overview` (DGA's), `#/rankings[/<YYYY-MM>]` (a month's ranking), `#/awards`, `#/reports[/<month>/<version>/<file>]`, `#/subscriptions`,
 * `#/settings` (DGA's targets and award programme), `#/agency/<agencyId>`; anything else is the rankings.
 */
export function parseRoute(hash: string): Route {
  const [page, id, ...rest] = hash.replace(/^#\/?/, '').split('/')
  if (page === 'overview') return { page: 'overview' }
  if (page === 'rankings' && id !== undefined && isMonth(id)) return { page: 'rankings', month: id }
  if (page === 'awards') return { page: 'awards' }
  if (page === 'reports') {
    const open = parseReportLink([id ?? '', ...rest])
    return open ? { page: 'reports', open } : { page: 'reports' }
  }
  if (page === 'subscriptions') return { page: 'subscriptions' }
  if (page === 'settings') return { page: 'settings' }
  if (page === 'agency') {
    const agencyId = id ? decodeURIComponent(id) : undefined
    return agencyId ? { page: 'agency', agencyId } : { page: 'agency' }
  }
  return { page: 'rankings' }
}

/** The location hash of a route; `parseRoute(routeHash(r))` gives `r` back. */
export function routeHash(route: Route): string {
  if (route.page === 'agency')
    return route.agencyId ? `#/agency/${encodeURIComponent(route.agencyId)}` : '#/agency'
  if (route.page === 'reports' && route.open) return reportLinkHash(route.open)
  if (route.page === 'rankings' && route.month) return `#/rankings/${route.month}`
  return `#/${route.page}`
}

/**
 * The agency a performance page shows: the one the route names, else an executive's first own agency.
 * Undefined when neither says (a DGA official opens an agency from the ranking).
 */
export function agencyOfRoute(route: Route, ownAgencyIds: readonly string[]): string | undefined {
  if (route.page !== 'agency') return undefined
  return route.agencyId ?? ownAgencyIds[0]
}

/**
 * The fiscal years the year picker offers, newest first: the current one and those with data (never a later
 * one), and the year shown should it be neither, so the picker always names it.
 */
export function fiscalYearsOffered(currentFy: number, withData: readonly number[], shown: number): number[] {
  const years = new Set([currentFy, shown, ...withData.filter((fy) => fy <= currentFy)])
  return [...years].sort((a, b) => b - a)
}

/** The fiscal years offered for selection: the current one first, then the `count - 1` before it. */
export function fiscalYearChoices(currentFy: number, count = 5): number[] {
  return Array.from({ length: count }, (_, i) => currentFy - i)
}
