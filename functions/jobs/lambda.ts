import { addMonths, bangkokMonth, isMonth } from '../../shared/time.js'
import { recomputeMonth, runRollup } from './rollup.js'

/** Scheduled (EventBridge Scheduler) entry of the rollup job: recount today, yesterday and late days. */
export async function rollupHandler() {
  const result = await runRollup()
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'rollup',
      ...(result ?? { skipped: 'another run holds the lease' }),
    }),
  )
  return result ?? { skipped: true }
}

/**
 * Recount a month from raw events (scheduled for the previous month before its report, or invoked by hand
 * with `{"month": "YYYY-MM"}`).
 */
export async function recomputeHandler(event: { month?: unknown } = {}) {
  const month = typeof event.month === 'string' ? event.month : addMonths(bangkokMonth(Date.now()), -1)
  if (!isMonth(month)) throw new Error(`month must be YYYY-MM, not ${JSON.stringify(event.month)}`)
  const counts = await recomputeMonth(month)
  const result = { month, subjects: counts.size }
  console.log(JSON.stringify({ level: 'info', msg: 'recompute', ...result }))
  return result
}
