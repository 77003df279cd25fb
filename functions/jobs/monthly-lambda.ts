import { isMonth } from '../../shared/time.js'
import { MONTHLY_STEPS, type MonthlyStep, monthJustEnded, runMonthly } from './monthly.js'

// The monthly job has its own entry, so the every-minute rollup's bundle carries no PDF, XLSX or mail code.

/**
 * Entry of the monthly function. Its schedule (`MONTHLY_RUN_CRON`: 02:00 Bangkok time on the 1st) sends `{}`:
 * the whole pipeline for the month just ended. DGA's `POST /v1/reports/:month` sends `{"month", "requestedBy",
 * "steps": ["report"]}`; by hand, any month and steps. A failed step throws, so Lambda retries the run and the
 * alarm on the function's errors (then the dead-letter queue) says so; the run history says which step.
 */
export async function monthlyHandler(
  event: { month?: unknown; steps?: unknown; requestedBy?: unknown } = {},
) {
  const month = event.month === undefined ? monthJustEnded() : event.month
  if (typeof month !== 'string' || !isMonth(month)) {
    throw new Error(`month must be YYYY-MM, not ${JSON.stringify(event.month)}`)
  }
  const steps = event.steps === undefined ? MONTHLY_STEPS : event.steps
  if (!Array.isArray(steps) || steps.length === 0 || !steps.every((s) => MONTHLY_STEPS.includes(s))) {
    throw new Error(`steps must be some of ${MONTHLY_STEPS.join(', ')}, not ${JSON.stringify(event.steps)}`)
  }
  return runMonthly(month, {
    trigger: event.requestedBy === undefined ? 'schedule' : 'dga',
    steps: steps as MonthlyStep[],
  })
}
