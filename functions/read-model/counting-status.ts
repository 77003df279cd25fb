import type { CountingStatus, HealthResponse } from '../../shared/api.js'
import { clock } from '../clock.js'
import { getRollupStatus } from '../store/rollup-status.js'

/** Counting is behind, and DGA is warned, past this lag (healthy: a rollup every minute, on AWS and locally). */
export const COUNTING_BEHIND_MS = 5 * 60_000
/** How long /healthz reuses what it last read of the store. */
const FLAG_FRESH_MS = 15_000

/** What a runtime knows of the events it acknowledged and no rollup has counted yet (the local runtime). */
export interface UncountedEvents {
  /** When the oldest of them was acknowledged (product clock), or undefined when there is none. */
  oldestUncountedAt(): number | undefined
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString())

/**
 * How far counting is behind what was acknowledged: from the runtime's own knowledge where it has it, else
 * (AWS, where a download is stored before it is answered) from the start of the last rollup that finished.
 */
export async function countingStatus(
  uncounted?: UncountedEvents,
  now = clock.now(),
): Promise<CountingStatus> {
  const rollup = await getRollupStatus()
  const oldest = uncounted?.oldestUncountedAt()
  const since = uncounted ? (oldest ?? now) : rollup?.startedAt
  const lagMs = since === undefined ? undefined : Math.max(0, now - since)
  return {
    lastRollupAt: iso(rollup?.finishedAt),
    countedThrough: iso(rollup?.startedAt),
    oldestUncountedAt: iso(oldest),
    lagSeconds: lagMs === undefined ? null : Math.round(lagMs / 1000),
    behind: lagMs !== undefined && lagMs > COUNTING_BEHIND_MS,
    thresholdSeconds: COUNTING_BEHIND_MS / 1000,
  }
}

let flag: { value: HealthResponse['counting']; at: number } | undefined
let refreshing: Promise<void> | undefined

/**
 * The coarse word /healthz gives on counting. It never waits for the store: with the runtime's own knowledge
 * it is computed at once; otherwise it answers what it last read and reads again in the background when that
 * is older than 15 s (`unknown` until the first read), so a flood of health checks is not a flood of reads.
 */
export function countingFlag(uncounted?: UncountedEvents, now = clock.now()): HealthResponse['counting'] {
  if (uncounted) {
    const oldest = uncounted.oldestUncountedAt()
    return oldest !== undefined && now - oldest > COUNTING_BEHIND_MS ? 'behind' : 'ok'
  }
  if ((!flag || now - flag.at > FLAG_FRESH_MS) && !refreshing) {
    refreshing = countingStatus(undefined, now)
      .then(
        (s) => {
          flag = { value: s.lagSeconds === null ? 'unknown' : s.behind ? 'behind' : 'ok', at: now }
        },
        () => {
          flag = { value: 'unknown', at: now }
        },
      )
      .finally(() => {
        refreshing = undefined
      })
  }
  return flag?.value ?? 'unknown'
}
