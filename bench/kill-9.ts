/**
 * The full kill -9 fault suite: the local process (as `npm start` runs it) takes downloads and events with ids
 * over concurrent connections and is killed with SIGKILL mid-traffic, cycle after cycle, then started again on
 * the same data directory; event batches whose answer was lost are sent again with the same ids. Prints how many
 * acknowledged downloads and events were lost or stored twice, and whether the counts match the raw events.
 * `npm run bench -- kill-9` (`KILL9_CYCLES`, `KILL9_DOWNLOADS`, `KILL9_BATCHES` override 10, 2,000 and 40).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildCkanPortal } from '../test/fixtures/ckan.js'
import { startCkanServer } from '../test/support/ckan-server.js'
import { runKillCycles } from '../test/support/kill-cycles.js'

const cycles = Number(process.env.KILL9_CYCLES ?? 10)
const downloadsPerCycle = Number(process.env.KILL9_DOWNLOADS ?? 2_000)
const batchesPerCycle = Number(process.env.KILL9_BATCHES ?? 40)
const dataDir = await mkdtemp(join(tmpdir(), 'ogd-kill-9-bench-'))
const portal = buildCkanPortal(10, 200)
const ckan = await startCkanServer(portal)
const started = Date.now()
try {
  const result = await runKillCycles({
    dataDir,
    ckanUrl: ckan.url,
    resources: portal.packages.flatMap((p) => p.resources.map((r) => r.id)),
    cycles,
    downloadsPerCycle,
    batchesPerCycle,
    batchSize: 50,
    connections: 16,
    patienceMs: 10 * 60_000,
    log: (msg) => console.log(msg),
  })
  console.log(JSON.stringify(result, null, 2))
  console.log(
    `${cycles} kills; acknowledged ${result.acknowledgedDownloads} downloads and ${result.acknowledgedEvents} ` +
      `events; lost ${result.lost}, doubled ${result.doubled}; ${result.stored} stored (of which ` +
      `${result.unacknowledgedStored} never acknowledged), ${result.counted} counted; in flight at the kills: ` +
      `${result.inFlightAtKill.join(', ')}; ${((Date.now() - started) / 1000).toFixed(0)} s`,
  )
  if (result.lost > 0 || result.doubled > 0 || result.counted !== result.stored) process.exitCode = 1
} finally {
  await ckan.close()
  await rm(dataDir, { recursive: true, force: true })
}
