import { describe, expect, it } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import { clock } from '../../functions/clock.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import { UncountedTracker } from '../../functions/local/uncounted.js'
import { saveRollupStatus } from '../../functions/store/rollup-status.js'
import type { HealthResponse, StatusResponse } from '../../shared/api.js'
import { bearer } from '../fixtures/http.js'

const MINUTE = 60_000

async function status(app: ReturnType<typeof createApiApp>) {
  const res = await app.request('/v1/status', { headers: await bearer('dga_admin') })
  expect(res.status).toBe(200)
  return ((await res.json()) as StatusResponse).counting
}

async function health(app: ReturnType<typeof createApiApp>) {
  return ((await (await app.request('/healthz')).json()) as HealthResponse).counting
}

describe('the counting lag on AWS (a download is stored before it is answered; the last rollup tells)', () => {
  const app = createApiApp()

  it('knows nothing before the first rollup, and says so', async () => {
    expect(await status(app)).toEqual({
      lastRollupAt: null,
      countedThrough: null,
      oldestUncountedAt: null,
      lagSeconds: null,
      behind: false,
      thresholdSeconds: 300,
    })
  })

  it('is behind, for DGA and as one word on /healthz, when the last rollup started over 5 minutes ago', async () => {
    const startedAt = clock.now() - 10 * MINUTE
    await saveRollupStatus({ startedAt, finishedAt: startedAt + 20_000 })
    const counting = await status(app)
    expect(counting).toMatchObject({
      lastRollupAt: new Date(startedAt + 20_000).toISOString(),
      countedThrough: new Date(startedAt).toISOString(),
      oldestUncountedAt: null,
      behind: true,
    })
    expect(counting.lagSeconds).toBeGreaterThanOrEqual(600)
    // /healthz never waits for the store: it answers what it last read and reads again in the background.
    await expect.poll(() => health(app)).toBe('behind')
  })

  it('is not behind once a rollup has finished', async () => {
    const before = clock.now()
    await runRollup()
    const counting = await status(app)
    expect(Date.parse(counting.countedThrough ?? '')).toBeGreaterThanOrEqual(before)
    expect(Date.parse(counting.lastRollupAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(counting.countedThrough ?? ''),
    )
    expect(counting).toMatchObject({ oldestUncountedAt: null, behind: false })
    expect(counting.lagSeconds).toBeLessThan(300)
  })
})

describe('the counting lag of the local runtime (its journal and its rollups tell)', () => {
  let journalOldest: number | undefined
  const tracker = new UncountedTracker(() => journalOldest)
  const app = createApiApp({ uncounted: tracker })

  it('is nothing when everything acknowledged is counted', async () => {
    expect(await status(app)).toMatchObject({ oldestUncountedAt: null, lagSeconds: 0, behind: false })
    expect(await health(app)).toBe('ok')
  })

  it('counts a download still in the journal from when it was acknowledged', async () => {
    journalOldest = clock.now() - MINUTE
    const counting = await status(app)
    expect(counting).toMatchObject({
      oldestUncountedAt: new Date(journalOldest).toISOString(),
      behind: false,
    })
    expect(counting.lagSeconds).toBeGreaterThanOrEqual(60)
  })

  it('is behind when events stored 7 minutes ago wait for a rollup that keeps failing, until one finishes', async () => {
    const ackedAt = clock.now() - 7 * MINUTE
    journalOldest = undefined
    tracker.storedEvents(ackedAt)
    tracker.storedEvents(ackedAt + MINUTE)
    const failed = tracker.rollupStarting()
    tracker.rollupFinished(failed, false)
    expect(await status(app)).toMatchObject({
      oldestUncountedAt: new Date(ackedAt).toISOString(),
      behind: true,
    })
    expect(await health(app)).toBe('behind')

    // Events stored while a rollup runs wait for the next one.
    const running = tracker.rollupStarting()
    const during = clock.now() - 30_000
    tracker.storedEvents(during)
    expect((await status(app)).oldestUncountedAt).toBe(new Date(ackedAt).toISOString())
    tracker.rollupFinished(running, true)
    expect(await status(app)).toMatchObject({
      oldestUncountedAt: new Date(during).toISOString(),
      behind: false,
    })
    expect(await health(app)).toBe('ok')
    tracker.rollupFinished(tracker.rollupStarting(), true)
    expect(await status(app)).toMatchObject({ oldestUncountedAt: null, lagSeconds: 0 })
  })

  it('is for DGA only', async () => {
    expect((await app.request('/v1/status')).status).toBe(401)
    expect(
      (await app.request('/v1/status', { headers: await bearer('agency_exec', ['agency-1']) })).status,
    ).toBe(403)
  })
})
