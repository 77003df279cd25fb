import { bangkokMonth, isMonth } from '../../shared/time.js'
import { clock } from '../clock.js'
import { ValidationError } from '../errors.js'

/** A month a report can be made for: `YYYY-MM`, not after the current Bangkok month (422 otherwise). */
export function parseReportMonth(value: string | undefined, now = clock.now()): string {
  if (value === undefined || !isMonth(value)) {
    throw new ValidationError(`month must be YYYY-MM, e.g. 2022-11; got "${value ?? ''}"`)
  }
  if (value > bangkokMonth(now))
    throw new ValidationError(`month ${value} is in the future: there is no report yet`)
  return value
}
