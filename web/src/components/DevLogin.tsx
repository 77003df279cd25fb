import { useEffect, useState } from 'preact/hooks'
import type { LocalizedText } from '../../../shared/catalog.js'
import { locale, t } from '../i18n/index.js'
import { api, sessionExpired, setSession } from '../state/session.js'

/**
 * Development sign-in: choose a role, and for an executive the agency from the catalog; only exists with
 * AUTH_MODE=dev.
 */
export function DevLogin() {
  const [role, setRole] = useState<'dga_admin' | 'agency_exec'>('dga_admin')
  const [agencies, setAgencies] = useState<{ agencyId: string; name: LocalizedText }[]>([])
  const [agencyId, setAgencyId] = useState('')
  const [error, setError] = useState<string>()

  useEffect(() => {
    if (role !== 'agency_exec' || agencies.length > 0) return
    api
      .devAgencies()
      .then((r) => {
        setAgencies(r.items)
        setAgencyId((current) => current || (r.items[0]?.agencyId ?? ''))
      })
      .catch((err: Error) => setError(err.message))
  }, [role])

  const submit = async (e: Event) => {
    e.preventDefault()
    setError(undefined)
    try {
      setSession(await api.createDevSession(role, role === 'agency_exec' ? [agencyId] : []))
    } catch (err) {
      setError((err as Error).message)
    }
  }

  const lang = locale.value
  return (
    <form class="card login" onSubmit={submit}>
      <h2>{t('signIn')}</h2>
      {sessionExpired.value && <p class="note">{t('sessionExpired')}</p>}
      <label>
        {t('role')}
        <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as typeof role)}>
          <option value="dga_admin">{t('dga')}</option>
          <option value="agency_exec">{t('exec')}</option>
        </select>
      </label>
      {role === 'agency_exec' && (
        <label>
          {t('agency')}
          <select
            name="agencyId"
            value={agencyId}
            onChange={(e) => setAgencyId(e.currentTarget.value)}
            required
          >
            {agencies.map((a) => (
              <option key={a.agencyId} value={a.agencyId}>
                {a.name[lang]}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && <p class="error">{error}</p>}
      <button type="submit">{t('signIn')}</button>
    </form>
  )
}
