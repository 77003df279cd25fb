import { config } from './config.js'

/**
 * The product's one clock: what "now" is for periods, cut-offs, retention, schedules and the demo. Real time,
 * unless `OGD_NOW` (development and tests only; a Lambda function refuses it) starts it at a fixed instant,
 * from which it runs on at real speed. Token expiry, leases and durations keep real time: they are about
 * processes, not about the calendar the product reports on.
 */
export const clock = {
  now(): number {
    const start = config().clockStart
    if (start !== startedAt) {
      // The first reading of a start instant fixes the offset; rereading the same configuration keeps it.
      startedAt = start
      offset = start === undefined ? 0 : start - Date.now()
    }
    return Date.now() + offset
  },
  /** The clock's instant as an ISO string (UTC), for timestamps the product stores. */
  iso(): string {
    return new Date(clock.now()).toISOString()
  },
}

let startedAt: number | undefined
let offset = 0
