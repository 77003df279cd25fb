import { t } from '../i18n/index.js'
import { routeHash } from '../state/navigation.js'
import { useStore } from '../state/store.js'

/**
 * The pages of the dashboard: for DGA first the month's overview, then rankings, awards, the reader's agency (or the one viewed), email subscriptions,
 * and for DGA the targets and award programme.
 */
export function Nav() {
  const { route, session } = useStore()
  const page = route.value.page
  const isExec = session.value?.role === 'agency_exec'
  const isDga = session.value?.role === 'dga_admin'
  const links = [
    // DGA's view of the whole month, first in their navigation (their landing stays the national ranking).
    ...(isDga ? [{ page: 'overview', href: routeHash({ page: 'overview' }), label: t('navOverview') }] : []),
    { page: 'rankings', href: routeHash({ page: 'rankings' }), label: t('navRankings') },
    { page: 'awards', href: routeHash({ page: 'awards' }), label: t('navAwards') },
    // A DGA official has no agency of their own: the link opens the agency being viewed, or the agency picker.
    {
      page: 'agency',
      href: page === 'agency' ? routeHash(route.value) : routeHash({ page: 'agency' }),
      label: isExec ? t('navMyAgency') : t('navAgency'),
    },
    { page: 'reports', href: routeHash({ page: 'reports' }), label: t('navReports') },
    { page: 'subscriptions', href: routeHash({ page: 'subscriptions' }), label: t('navSubscriptions') },
    // Targets and the award programme are DGA's to set: the page is not offered to anyone else.
    ...(isDga ? [{ page: 'settings', href: routeHash({ page: 'settings' }), label: t('navSettings') }] : []),
  ]
  return (
    <nav class="pages" aria-label={t('title')}>
      {links.map((link) => (
        <a key={link.page} href={link.href} aria-current={link.page === page ? 'page' : undefined}>
          {link.label}
        </a>
      ))}
    </nav>
  )
}
