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
