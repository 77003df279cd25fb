import { type Locale, type Month, monthName, yearLabel } from '../../../shared/time.js'

/**
 * What the month picker offers: the years (Buddhist Era in Thai, CE in English) from `max`'s back `years`, and
 * the twelve months by name, those after `max` in its year disabled. Never the browser's own month field, which
 * shows Gregorian English names whatever the page's language.
 */
export function monthChoices(value: Month, max: Month, lang: Locale, years = 10) {
  const maxYear = Number(max.slice(0, 4))
  const year = Number(value.slice(0, 4))
  const yearList = Array.from({ length: years }, (_, i) => maxYear - i)
  if (!yearList.includes(year)) yearList.push(year)
  return {
    years: yearList.map((y) => ({ value: String(y), label: yearLabel(y, lang) })),
    months: Array.from({ length: 12 }, (_, i) => {
      const mm = String(i + 1).padStart(2, '0')
      return { value: mm, label: monthName(i + 1, lang), disabled: `${year}-${mm}` > max }
    }),
  }
}

/** The month a year and a month of the year pick, no later than `max` (a later one becomes `max`). */
export function pickMonth(year: string, monthOfYear: string, max: Month): Month {
  const month = `${year.padStart(4, '0')}-${monthOfYear.padStart(2, '0')}`
  return month > max ? max : month
}
