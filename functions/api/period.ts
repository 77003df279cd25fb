import { bangkokMonth, fiscalYearOf, isMonth, parseFiscalYear } from '../../shared/time.js'
import { clock } from '../clock.js'
import { BadRequestError, ValidationError } from '../errors.js'
import type { RankingPeriod } from '../read-model/rankings.js'

/** A ranking period from the query (`month=YYYY-MM` or `fy=2566`), checked against the calendar. */
export function parsePeriod(query: { month?: string; fy?: string }, now = clock.now()): RankingPeriod {
  const { month, fy } = query
  if ((month === undefined) === (fy === undefined)) {
    throw new BadRequestError('Give exactly one of month=YYYY-MM or fy=YYYY (Buddhist Era, e.g. fy=2566)')
  }
  if (month !== undefined) {
    if (!isMonth(month)) throw new BadRequestError(`month must be YYYY-MM, e.g. 2022-11; got "${month}"`)
    if (month > bangkokMonth(now)) throw new ValidationError(`month ${month} is in the future`)
    return { month }
  }
  return { fy: parseFy(fy, now) }
}

/**
 * A fiscal year parameter (`fy=2566`, or `:fy` in a path): 400 when it is not a Buddhist Era year, 422 when it
 * is in the future (unless `future` allows the next years, as targets and programmes set ahead do).
 */
export function parseFy(value: string | undefined, now = clock.now(), future = false): number {
  const year = parseFiscalYear(value ?? '')
  if (year === undefined) {
    throw new BadRequestError(`fy must be a Buddhist Era fiscal year such as 2566; got "${value ?? ''}"`)
  }
  if (!future && year > fiscalYearOf(now)) throw new ValidationError(`fy ${year} is in the future`)
  return year
}

/** The `fy` of a query, defaulting to the current fiscal year. */
export const fyOrCurrent = (value: string | undefined, now = clock.now()) =>
  value === undefined ? fiscalYearOf(now) : parseFy(value, now)

/** A whole number query parameter within bounds: 400 naming it otherwise. */
export function parseCount(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new BadRequestError(`${name} must be a whole number from 0 to ${max}; got "${value}"`)
  }
  return Number(value)
}
