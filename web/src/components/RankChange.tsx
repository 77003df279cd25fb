import { rankChangeWords } from '../../../shared/reports/labels.js'
import { formatRankChange } from '../i18n/format.js'
import { locale } from '../i18n/index.js'

/**
 * A change of rank as the eye reads it (▲2) and as a screen reader says it ("up 2"): ▲▼ alone are read as
 * shapes. The words are the reports' own.
 */
export function RankChange({ change }: { change: number | null }) {
  return (
    <>
      <span aria-hidden="true">{formatRankChange(change)}</span>
      <span class="visually-hidden">{rankChangeWords(change)[locale.value]}</span>
    </>
  )
}
