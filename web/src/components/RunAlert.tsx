import type { RunAlert as Alert } from '../../../shared/runs.js'
import { monthLabel } from '../../../shared/time.js'
import { useApi } from '../api/use-api.js'
import { locale, type MessageKey, t } from '../i18n/index.js'
import { firstPage } from '../state/first-page.js'
import { useStore } from '../state/store.js'

const HEADLINE: Record<Alert['kind'], MessageKey> = {
  failed: 'runFailed',
  late: 'runLate',
  'running-long': 'runRunningLong',
}

/**
 * For DGA, above every page: the monthly run of the month just ended failed, has not run, or is still running
 * long after its time (the report and emails wait for it). Nothing when it succeeded.
 */
export function RunAlertBanner() {
  const { api } = useStore()
  const runs = useApi(
    firstPage.after(() => api.runs()),
    [],
  )
  const alert = runs.data?.alert
  if (!alert) return null
  const step = alert.kind === 'failed' ? alert.run.steps.find((s) => s.status === 'failed') : undefined
  return (
    <div class="run-alert" role="alert" data-testid="run-alert">
      <strong>{t(HEADLINE[alert.kind])}</strong>{' '}
      <span>
        {t('runWhat')} {monthLabel(alert.month, locale.value)}
      </span>
      {step && (
        <span>
          {' '}
          · {t('runFailedDetail')}: {step.name}
          {step.error ? ` (${step.error})` : ''}
        </span>
      )}
    </div>
  )
}
