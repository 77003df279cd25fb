import { fiscalYearLabel } from '../../../shared/time.js'
import { useApi } from '../api/use-api.js'
import { locale, t } from '../i18n/index.js'
import { firstPage } from '../state/first-page.js'
import { fiscalYearsOffered } from '../state/navigation.js'
import { useStore } from '../state/store.js'

/**
 * Chooses the fiscal year shown: "ปีงบประมาณ 2569" in Thai, "FY 2026 (Oct 2025 – Sep 2026)" in English. It offers
 * the current fiscal year and the years with data (`GET /v1/fiscal-years`), never a year with nothing to show.
 */
export function FiscalYearSelect() {
  const { api, fy, currentFy } = useStore()
  const years = useApi(
    firstPage.after(() => api.fiscalYears()),
    [],
  )
  const choices = fiscalYearsOffered(years.data?.current ?? currentFy, years.data?.withData ?? [], fy.value)
  return (
    <label class="fy">
      <span class="visually-hidden">{t('fiscalYear')}</span>
      <select
        name="fy"
        value={fy.value}
        data-loaded={years.data ? 'true' : undefined}
        onChange={(e) => (fy.value = Number(e.currentTarget.value))}
      >
        {choices.map((year) => (
          <option key={year} value={year}>
            {fiscalYearLabel(year, locale.value)}
          </option>
        ))}
      </select>
    </label>
  )
}
