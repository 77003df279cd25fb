import { About } from './components/About.js'
import { CognitoLogin } from './components/CognitoLogin.js'
import { CountingLagBanner } from './components/CountingLag.js'
import { DevLogin } from './components/DevLogin.js'
import { lazy } from './components/Lazy.js'
import { Nav } from './components/Nav.js'
import { RunAlertBanner } from './components/RunAlert.js'
import { SkipLink } from './components/SkipLink.js'
import { t, toggleLocale } from './i18n/index.js'
import { AgencyPage } from './pages/Agency/index.js'
import { AwardsPage } from './pages/Awards/index.js'
import { RankingsPage } from './pages/Rankings/index.js'
import { ReportsPage } from './pages/Reports/index.js'
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
 * Pages loaded when first opened: DGA's overview and settings, and the subscriptions (DGA's delivery log; an
 * executive rarely), so the code every reader loads first stays within the dashboard's budget (issue #18).
 */
const LazyOverview = lazy(() => import('./pages/Overview/index.js').then((m) => m.OverviewPage))
const SettingsPage = lazy(() => import('./pages/Settings/index.js').then((m) => m.SettingsPage))
const SubscriptionsPage = lazy(() =>
  import('./pages/Subscriptions/index.js').then((m) => m.SubscriptionsPage),
)

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
