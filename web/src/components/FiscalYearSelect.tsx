import { fiscalYearLabel } from '../../../shared/time.js'
import { locale, t } from '../i18n/index.js'
import { fiscalYearChoices } from '../state/navigation.js'
import { useStore } from '../state/store.js'

/** Chooses the fiscal year shown: "ปีงบประมาณ 2569" in Thai, "FY 2026 (Oct 2025 – Sep 2026)" in English. */
export function FiscalYearSelect() {
  const { fy, currentFy } = useStore()
  return (
    <label class="fy">
      <span class="visually-hidden">{t('fiscalYear')}</span>
      <select name="fy" value={fy.value} onChange={(e) => (fy.value = Number(e.currentTarget.value))}>
        {fiscalYearChoices(currentFy).map((year) => (
          <option key={year} value={year}>
            {fiscalYearLabel(year, locale.value)}
          </option>
        ))}
      </select>
    </label>
  )
}
