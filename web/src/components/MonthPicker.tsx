import { bangkokMonth } from '../../../shared/time.js'
import { locale, t } from '../i18n/index.js'
import { now } from '../state/clock.js'
import { monthChoices, pickMonth } from './monthChoices.js'
import './month-picker.css'

/**
 * A month (`YYYY-MM`) up to the current Bangkok month, picked as a month name and a year in the reader's
 * language: Thai month names with Buddhist Era years in Thai, English names with CE years in English. Two
 * native selects, so the keyboard and screen readers work as everywhere else; the month's select is `name`,
 * the year's `<name>-year`.
 */
export function MonthPicker(props: {
  name: string
  value: string
  onChange: (month: string) => void
  label?: string
}) {
  const max = bangkokMonth(now())
  const choices = monthChoices(props.value, max, locale.value)
  const [year, monthOfYear] = props.value.split('-') as [string, string]
  return (
    <fieldset class="month-picker">
      <legend>{props.label ?? t('month')}</legend>
      <select
        name={props.name}
        aria-label={t('month')}
        value={monthOfYear}
        onChange={(e) => props.onChange(pickMonth(year, e.currentTarget.value, max))}
      >
        {choices.months.map((m) => (
          <option key={m.value} value={m.value} disabled={m.disabled}>
            {m.label}
          </option>
        ))}
      </select>
      <select
        name={`${props.name}-year`}
        aria-label={t('reportYear')}
        value={year}
        onChange={(e) => props.onChange(pickMonth(e.currentTarget.value, monthOfYear, max))}
      >
        {choices.years.map((y) => (
          <option key={y.value} value={y.value}>
            {y.label}
          </option>
        ))}
      </select>
    </fieldset>
  )
}
