import type { FunctionComponent } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { About } from './components/About.js'
import { CognitoLogin } from './components/CognitoLogin.js'
import { CountingLagBanner } from './components/CountingLag.js'
import { DevLogin } from './components/DevLogin.js'
import { LoadState } from './components/LoadState.js'
import { Nav } from './components/Nav.js'
import { RunAlertBanner } from './components/RunAlert.js'
import { SkipLink } from './components/SkipLink.js'
import { t, toggleLocale } from './i18n/index.js'
import { AgencyPage } from './pages/Agency/index.js'
import { AwardsPage } from './pages/Awards/index.js'
import { RankingsPage } from './pages/Rankings/index.js'
import { ReportsPage } from './pages/Reports/index.js'
import { SettingsPage } from './pages/Settings/index.js'
import { SubscriptionsPage } from './pages/Subscriptions/index.js'
import { authConfig, signOut } from './state/auth.js'
import { isSignedIn, session } from './state/session.js'
import { type DashboardStore, StoreContext, useStore } from './state/store.js'

/** The dashboard shell: header, language switch, sign-in, navigation and the page. */
export function App({ store }: { store: DashboardStore }) {
  return (
    <StoreContext.Provider value={store}>
      <SkipLink />
      <header>
        <div>
          <h1>{t('title')}</h1>
          <p class="secondary">{t('subtitle')}</p>
        </div>
        <div class="actions">
          <button type="button" data-testid="language" lang={t('languageLang')} onClick={toggleLocale}>
            {t('language')}
          </button>
          {isSignedIn.value && (
            <button type="button" onClick={signOut}>
              {t('signOut')} ({session.value?.role === 'agency_exec' ? t('exec') : t('dga')})
            </button>
          )}
        </div>
      </header>
      {isSignedIn.value && <Nav />}
      {isSignedIn.value && session.value?.role === 'dga_admin' && <RunAlertBanner />}
      {isSignedIn.value && session.value?.role === 'dga_admin' && <CountingLagBanner />}
      {/* Focusable by the skip link only (tabIndex -1), not a stop of the Tab key. */}
      <main id="main" tabIndex={-1}>
        {isSignedIn.value ? <Page /> : <SignIn />}
      </main>
    </StoreContext.Provider>
  )
}

function Page() {
  const { route } = useStore()
  switch (route.value.page) {
    case 'overview':
      return <LazyOverview />
    case 'awards':
      return <AwardsPage />
    case 'agency':
      return <AgencyPage />
    case 'subscriptions':
      return <SubscriptionsPage />
    case 'reports':
      return <ReportsPage />
    case 'settings':
      return <SettingsPage />
    default:
      return <RankingsPage />
  }
}

/**
 * DGA's overview, loaded when first opened: its code (a DGA-only page) stays out of the bundle every reader
 * loads first.
 */
function LazyOverview() {
  const [page, setPage] = useState<{ Page: FunctionComponent } | undefined>()
  const [error, setError] = useState<Error | undefined>()
  useEffect(() => {
    import('./pages/Overview/index.js').then(
      (m) => setPage({ Page: m.OverviewPage }),
      (err: Error) => setError(err),
    )
  }, [])
  if (!page) return <LoadState loading={!error} error={error} />
  return <page.Page />
}

/** What the product is, and the sign-in of this deployment's mode; nothing until the API has said which. */
function SignIn() {
  const cfg = authConfig.value
  if (!cfg) return null
  return (
    <div class="sign-in">
      <About />
      {cfg.mode === 'cognito' ? <CognitoLogin config={cfg} /> : <DevLogin />}
    </div>
  )
}
