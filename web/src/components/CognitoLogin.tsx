import { t } from '../i18n/index.js'
import { signInError } from '../state/auth.js'
import { type CognitoConfig, startSignIn } from '../state/hosted-ui.js'
import { sessionExpired } from '../state/session.js'

/** Sign-in through Amazon Cognito's Hosted UI (AUTH_MODE=cognito). */
export function CognitoLogin({ config }: { config: CognitoConfig }) {
  return (
    <div class="card login">
      <h2>{t('signInCognito')}</h2>
      {sessionExpired.value && <p class="note">{t('sessionExpired')}</p>}
      {signInError.value && <p class="error">{signInError.value}</p>}
      <button type="button" disabled={!config.authorizeUrl} onClick={() => void startSignIn(config)}>
        {t('signInCognito')}
      </button>
    </div>
  )
}
