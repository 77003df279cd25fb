import { ApiError } from '../api/client.js'
import { t } from '../i18n/index.js'

/** What a page shows while its data loads, or when loading failed (the API's own words as the detail). */
export function LoadState({
  loading,
  error,
  retry,
}: {
  loading: boolean
  error?: Error | undefined
  /** Offered as a "try again" button when the read failed. */
  retry?: (() => void) | undefined
}) {
  if (error) {
    const status = error instanceof ApiError ? error.status : 0
    const headline = status === 403 ? t('forbidden') : status === 404 ? t('notFound') : t('loadFailed')
    return (
      <div class="error" role="alert">
        <strong>{headline}</strong>
        <div class="secondary">{error.message}</div>
        {retry && (
          <button type="button" onClick={retry}>
            {t('retry')}
          </button>
        )}
      </div>
    )
  }
  if (loading)
    return (
      <p class="loading" role="status">
        {t('loading')}
      </p>
    )
  return null
}
