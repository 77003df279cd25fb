import { useEffect, useRef, useState } from 'preact/hooks'
import type { CountingStatus } from '../../../shared/api.js'
import { useApi } from '../api/use-api.js'
import { formatBangkokTime, formatNumber } from '../i18n/format.js'
import { locale, t } from '../i18n/index.js'
import { firstPage } from '../state/first-page.js'
import { useStore } from '../state/store.js'

/** How often the banner asks again: counting can fall behind (or catch up) while a page stays open. */
const POLL_MS = 60_000

/**
 * For DGA, above every page: counting is more than a few minutes behind the downloads acknowledged, so the
 * figures on the pages leave out the latest ones. Nothing while counting keeps up.
 */
export function CountingLagBanner() {
  const { api } = useStore()
  const [round, setRound] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setRound((r) => r + 1), POLL_MS)
    return () => clearInterval(timer)
  }, [])
  const answer = useApi(
    firstPage.after(() => api.status()),
    [round],
  )
  // Keep the last answer while the next is on its way, so the banner does not blink every minute.
  const last = useRef<CountingStatus | undefined>(undefined)
  if (answer.data) last.current = answer.data.counting
  const counting = last.current
  if (!counting?.behind) return null
  const since = counting.oldestUncountedAt ?? counting.countedThrough
  const minutes = Math.floor((counting.lagSeconds ?? 0) / 60)
  return (
    <div class="run-alert" role="alert" data-testid="counting-lag">
      <strong>{t('countingBehind')}</strong>{' '}
      <span>
        {since && `${t('countingBehindSince')} ${formatBangkokTime(since, locale.value)} · `}
        {t('countingBehindAbout')} {formatNumber(minutes, locale.value)} {t('countingBehindMinutes')} ·{' '}
        {t('countingBehindFigures')}
      </span>
    </div>
  )
}
