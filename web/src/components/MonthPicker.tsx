import { bangkokMonth } from '../../../shared/time.js'
import { t } from '../i18n/index.js'
import { now } from '../state/clock.js'

/** A labelled month field (`YYYY-MM`), up to the current Bangkok month; an emptied field keeps the month. */
export function MonthPicker(props: { name: string; value: string; onChange: (month: string) => void }) {
  return (
    <label>
      {t('month')}{' '}
      <input
        type="month"
        name={props.name}
        value={props.value}
        max={bangkokMonth(now())}
        onChange={(e) => props.onChange(e.currentTarget.value || props.value)}
      />
    </label>
  )
}
