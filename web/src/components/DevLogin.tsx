import { useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import { api, setSession } from '../state/session.js'

/** Development sign-in: choose a role (and agency for executives); only exists with AUTH_MODE=dev. */
export function DevLogin() {
  const [role, setRole] = useState<'dga_admin' | 'agency_exec'>('dga_admin')
  const [agencyId, setAgencyId] = useState('')
  const [error, setError] = useState<string>()

  const submit = async (e: Event) => {
    e.preventDefault()
    setError(undefined)
    try {
      setSession(await api.createDevSession(role, role === 'agency_exec' ? [agencyId.trim()] : []))
    } catch (err) {
      setError((err as Error).message)
    }
  }

  return (
    <form class="card login" onSubmit={submit}>
      <h2>{t('signIn')}</h2>
      <label>
        {t('role')}
        <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as typeof role)}>
          <option value="dga_admin">{t('dga')}</option>
          <option value="agency_exec">{t('exec')}</option>
        </select>
      </label>
      {role === 'agency_exec' && (
        <label>
          {t('agencyId')}
          <input
            name="agencyId"
            value={agencyId}
            onInput={(e) => setAgencyId(e.currentTarget.value)}
            required
          />
        </label>
      )}
      {error && <p class="error">{error}</p>}
      <button type="submit">{t('signIn')}</button>
    </form>
  )
}
