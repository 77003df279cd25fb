import type { UncountedEvents } from '../read-model/counting-status.js'

/**
 * What the local runtime acknowledged and has not counted yet, for the counting lag: downloads still in the
 * journal, then events stored since the start of the last rollup that finished. A rollup counts what was stored
 * before it started; what is stored while it runs waits for the next one. Instants are the product clock's.
 */
export class UncountedTracker implements UncountedEvents {
  /** The oldest acknowledgement among events stored and not yet taken by a rollup. */
  private stored: number | undefined
  /** What each running rollup took (given back if it fails). */
  private readonly running = new Set<RollupTake>()

  /** `oldestUnstored`: when the oldest download still in the journal (acknowledged, not stored) was received. */
  constructor(private readonly oldestUnstored: () => number | undefined) {}

  /** Events acknowledged at `ackedAt` (the oldest of them) are now stored in the table. */
  storedEvents(ackedAt: number): void {
    this.stored = minOf(this.stored, ackedAt)
  }

  /** A rollup starts: it will count everything stored so far. */
  rollupStarting(): RollupTake {
    const take = { oldest: this.stored }
    this.stored = undefined
    this.running.add(take)
    return take
  }

  /** The rollup finished (`counted`), or failed or could not run: then what it took is still uncounted. */
  rollupFinished(take: RollupTake, counted: boolean): void {
    this.running.delete(take)
    if (!counted) this.stored = minOf(this.stored, take.oldest)
  }

  oldestUncountedAt(): number | undefined {
    let oldest = minOf(this.oldestUnstored(), this.stored)
    for (const take of this.running) oldest = minOf(oldest, take.oldest)
    return oldest
  }
}

/** What one rollup took to count. */
export interface RollupTake {
  readonly oldest: number | undefined
}

const minOf = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b)
