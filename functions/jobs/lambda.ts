import { countMetric, ROLLUP_COMPLETED_METRIC } from '../../shared/metrics.js'
import { syncCatalog } from '../catalog/sync.js'
import { config } from '../config.js'
import { log } from '../log.js'
import { archiveClosedDays } from './archive.js'
import { runRollup } from './rollup.js'

/** Scheduled (EventBridge Scheduler) entry of the rollup job: recount today, yesterday and late days. */
export async function rollupHandler() {
  const result = await runRollup()
  log.info('rollup', { ...(result ?? { skipped: 'another run holds the lease' }) })
  // A finished rollup is counted as a metric: the rollup-age alarm fires when none finished for five minutes.
  if (result) log.metric(countMetric(ROLLUP_COMPLETED_METRIC, Date.now()))
  return result ?? { skipped: true }
}

/**
 * Scheduled (daily) entry of the catalog sync from the configured portals (CKAN_URLS or CKAN_URL). A portal
 * that fails changes nothing of the catalog, is named in the last result for DGA, and fails the invocation (after
 * the other portals were written) so the error shows in the function's metrics and alarms.
 */
export async function catalogSyncHandler(event: { requestedBy?: unknown } = {}) {
  const { portals } = config()
  if (portals.length === 0) {
    throw new Error('CKAN_URLS or CKAN_URL is not set: there is no portal to sync the catalog from')
  }
  try {
    const result = await syncCatalog(portals, {
      trigger: event.requestedBy === undefined ? 'schedule' : 'dga',
    })
    log.info('catalog sync', { ...result })
    if (!result.ok) throw new Error(`catalog sync: ${result.error}`)
    return result
  } catch (err) {
    log.error('catalog sync failed', { error: err })
    throw err
  }
}

/** Scheduled (daily) entry of the raw-event archive: closed days to S3, one compressed object each. */
export async function archiveHandler() {
  const archived = await archiveClosedDays()
  log.info('archive', { days: archived.length, events: archived.reduce((n, a) => n + a.events, 0) })
  return { archived }
}
