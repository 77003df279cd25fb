import { bangkokMonth, fiscalYearOf, isMonth, parseFiscalYear } from '../../shared/time.js'
import { BadRequestError, ValidationError } from '../errors.js'
import type { Period } from '../store/counts.js'

/** A ranking period from the query (`month=YYYY-MM` or `fy=2566`), checked against the calendar. */
export function parsePeriod(
  query: { month?: string; fy?: string },
  now = Date.now(),
): Period & { fy?: number } {
  const { month, fy } = query
  if ((month === undefined) === (fy === undefined)) {
    throw new BadRequestError('Give exactly one of month=YYYY-MM or fy=YYYY (Buddhist Era, e.g. fy=2566)')
  }
  if (month !== undefined) {
    if (!isMonth(month)) throw new BadRequestError(`month must be YYYY-MM, e.g. 2022-11; got "${month}"`)
    if (month > bangkokMonth(now)) throw new ValidationError(`month ${month} is in the future`)
    return { month }
  }
  const year = parseFiscalYear(fy ?? '')
  if (year === undefined) {
    throw new BadRequestError(`fy must be a Buddhist Era fiscal year such as 2566; got "${fy}"`)
  }
  if (year > fiscalYearOf(now)) throw new ValidationError(`fy ${year} is in the future`)
  return { fy: year }
}
