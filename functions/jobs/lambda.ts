import { syncCatalog } from '../catalog/sync.js'
import { config } from '../config.js'
import { runRollup } from './rollup.js'

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
 * Scheduled (daily) entry of the catalog sync from CKAN_URL. A failed sync changes nothing, is kept as the
 * last result for DGA, and fails the invocation so the error shows in the function's metrics and alarms.
 */
export async function catalogSyncHandler() {
  const ckanUrl = config().ckanUrl
  if (!ckanUrl) throw new Error('CKAN_URL is not set: there is no portal to sync the catalog from')
  try {
    const result = await syncCatalog(ckanUrl)
    console.log(JSON.stringify({ level: 'info', msg: 'catalog sync', ...result }))
    return result
  } catch (err) {
    console.error(
      JSON.stringify({ level: 'error', msg: 'catalog sync failed', error: (err as Error).message }),
    )
    throw err
  }
}
