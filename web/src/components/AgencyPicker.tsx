import { useMemo } from 'preact/hooks'
import { useApi } from '../api/use-api.js'
import { locale, t } from '../i18n/index.js'
import { agencyChoices } from '../pages/Agency/integrity.js'
import { useStore } from '../state/store.js'

/**
 * A DGA official's choice of any agency, from the fiscal year's agency ranking, in Thai collation order. It opens
 * the agency's page, unless `onPick` takes the choice (a form's field).
 */
export function AgencyPicker({
  agencyId,
  onPick,
}: {
  agencyId?: string | undefined
  onPick?: ((agencyId: string) => void) | undefined
}) {
  const { api, fy, navigate } = useStore()
  const year = fy.value
  const lang = locale.value
  const ranking = useApi(() => api.agencyRanking({ fy: year }), [year])
  const choices = useMemo(() => agencyChoices(ranking.data?.items ?? [], lang), [ranking.data, lang])
  return (
    <label class="agency-picker">
      <span class="visually-hidden">{t('pickAgency')}</span>
      <select
        name="agency"
        value={agencyId ?? ''}
        disabled={!ranking.data}
        onChange={(e) => {
          const next = e.currentTarget.value
          if (next && onPick) onPick(next)
          else if (next) navigate({ page: 'agency', agencyId: next })
        }}
      >
        <option value="" disabled>
          {ranking.loading ? t('loading') : `— ${t('pickAgency')} —`}
        </option>
        {choices.map((c) => (
          <option key={c.agencyId} value={c.agencyId}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  )
}
