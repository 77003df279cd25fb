import { CognitoLogin } from './components/CognitoLogin.js'
import { DevLogin } from './components/DevLogin.js'
import { t, toggleLocale } from './i18n/index.js'
import { RankingsPage } from './pages/Rankings/index.js'
import { authConfig } from './state/auth.js'
import { isSignedIn, session, setSession } from './state/session.js'

/** The dashboard shell: header, language switch, sign-in, and the page. */
export function App() {
  return (
    <>
      <header>
        <div>
          <h1>{t('title')}</h1>
          <p class="secondary">{t('subtitle')}</p>
        </div>
        <nav>
          <button type="button" onClick={toggleLocale}>
            {t('language')}
          </button>
          {isSignedIn.value && (
            <button type="button" onClick={() => setSession(undefined)}>
              {t('signOut')} ({session.value?.role})
            </button>
          )}
        </nav>
      </header>
      <main>{isSignedIn.value ? <RankingsPage /> : <SignIn />}</main>
    </>
  )
}

/** The sign-in of this deployment's mode; nothing until the API has said which. */
function SignIn() {
  const cfg = authConfig.value
  if (!cfg) return null
  return cfg.mode === 'cognito' ? <CognitoLogin config={cfg} /> : <DevLogin />
}
