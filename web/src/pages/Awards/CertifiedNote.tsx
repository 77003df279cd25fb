import type { CertificationSummary } from '../../../../shared/api.js'
import { formatBangkokTime } from '../../i18n/format.js'
import { locale, t } from '../../i18n/index.js'

/** "Certified on … (version n)": what every reader of the Awards page sees once a year is certified. */
export function CertifiedNote({ certified }: { certified: CertificationSummary }) {
  return (
    <p class="note" data-testid="certified-note" data-version={certified.version}>
      {t('certifiedOn')} {formatBangkokTime(certified.certifiedAt, locale.value)} ({t('certificationVersion')}{' '}
      {certified.version})
    </p>
  )
}
