import { ApiError } from './client.js'

/** Waits before each automatic retry of a read: a busy server gets room, a reader waits ~15 s at most. */
const DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000]

/**
 * How long to wait before reading again after `error` (attempts so far: `attempt`), or undefined to give up and
 * show it. Only what can pass by itself is retried: the network, a server that is busy or restarting (429,
 * 502, 503, 504). A refusal or a bad request answers the same the next time.
 */
export function retryDelay(error: unknown, attempt: number): number | undefined {
  const transient =
    error instanceof ApiError ? [429, 502, 503, 504].includes(error.status) : error instanceof TypeError
  return transient ? DELAYS_MS[attempt] : undefined
}
