import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCkanPortal } from '../fixtures/ckan.js'
import { type CkanServer, startCkanServer } from '../support/ckan-server.js'
import { runKillCycles } from '../support/kill-cycles.js'
import { PATIENCE_MS } from './local-process.js'

// The small variant of the kill -9 suite (the full one: `npm run bench -- kill-9`, figures in docs/BENCHMARKS.md).
const dataDir = await mkdtemp(join(tmpdir(), 'ogd-kill-9-'))
let ckan: CkanServer | undefined

afterAll(async () => {
  await ckan?.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('kill -9 of the local process during downloads and events', () => {
  it('stores and counts every acknowledged download and event once, across two kills and restarts', async () => {
    const portal = buildCkanPortal(5, 40)
    ckan = await startCkanServer(portal)
    const result = await runKillCycles({
      dataDir,
      ckanUrl: ckan.url,
      resources: portal.packages.flatMap((p) => p.resources.map((r) => r.id)),
      cycles: 2,
      downloadsPerCycle: 120,
      batchesPerCycle: 6,
      batchSize: 20,
      connections: 8,
      patienceMs: PATIENCE_MS,
    })
    // Something was acknowledged, and something was in flight when each kill came.
    expect(result.acknowledgedDownloads).toBeGreaterThan(60)
    expect(result.acknowledgedEvents).toBeGreaterThan(60)
    expect(result.inFlightAtKill).toHaveLength(2)
    expect(result.inFlightAtKill.every((n) => n > 0)).toBe(true)
    expect(result).toMatchObject({ lost: 0, doubled: 0 })
    // Every stored one (acknowledged, or stored before its answer was lost) counted exactly once.
    expect(result.counted).toBe(result.stored)
    expect(result.stored).toBe(
      result.acknowledgedDownloads + result.acknowledgedEvents + result.unacknowledgedStored,
    )
  })
})
