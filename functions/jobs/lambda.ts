import { addMonths, bangkokMonth, isMonth } from '../../shared/time.js'
import { syncCatalog } from '../catalog/sync.js'
import { clock } from '../clock.js'
import { config } from '../config.js'
import { log } from '../log.js'
import { recomputeMonth, runRollup } from './rollup.js'

/** Scheduled (EventBridge Scheduler) entry of the rollup job: recount today, yesterday and late days. */
export async function rollupHandler() {
  const result = await runRollup()
  log.info('rollup', { ...(result ?? { skipped: 'another run holds the lease' }) })
  return result ?? { skipped: true }
}

/**
 * Recount a month from raw events (scheduled for the previous month before its report, or invoked by hand
 * with `{"month": "YYYY-MM"}`).
 */
export async function recomputeHandler(event: { month?: unknown } = {}) {
  const month = typeof event.month === 'string' ? event.month : addMonths(bangkokMonth(clock.now()), -1)
  if (!isMonth(month)) throw new Error(`month must be YYYY-MM, not ${JSON.stringify(event.month)}`)
  const counts = await recomputeMonth(month)
  const result = { month, subjects: counts.agencies.size + counts.datasets.size }
  log.info('recompute', result)
  return result
}

/**
 * Scheduled (daily) entry of the catalog sync from CKAN_URL. A failed sync changes nothing, is kept as the
 * last result for DGA, and fails the invocation so the error shows in the function's metrics and alarms.
 */
export async function catalogSyncHandler() {
  const ckanUrl = config().ckanUrl
  if (!ckanUrl) throw new Error('CKAN_URL is not set: there is no portal to sync the catalog from')
  try {
    const result = await syncCatalog(ckanUrl)
    log.info('catalog sync', { ...result })
    return result
  } catch (err) {
    log.error('catalog sync failed', { error: err })
    throw err
  }
}
