import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { PayloadTooLargeError, RequestTimeoutError } from '../errors.js'
import { type Deadline, DeadlineQueue } from '../util/deadline-queue.js'

/** 413 for a body over `maxBytes`, counted as it streams in (a lying Content-Length does not help). */
export function maxBody(maxBytes: number, hint = ''): MiddlewareHandler {
  const size = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes / 1024} KB`
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new PayloadTooLargeError(`The body is over ${size}${hint}`)
    },
  })
}

/** Requests that have begun a write the caller must hear the outcome of (see `committing`). */
const committed = new WeakSet<Context>()

/**
 * Marks a request as writing: from here on its time limit no longer answers 503, since a 503 after a stored
 * write would tell the caller to send again what is already kept (events without ids would then count twice).
 */
export function committing(c: Context): void {
  committed.add(c)
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Marks every write (any method but GET, HEAD, OPTIONS) as `committing` once it has passed the middleware before
 * this one (authentication, body size): its outcome is waited for, never cut off by a 503, because "try again"
 * after a stored change makes the retry a second change (a second audit entry, a second email). Reads keep the 503.
 */
export function writesCommit(): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) committing(c)
    await next()
  }
}

/** The earliest time limit a request is already under (an enclosing `requestTimeout`). */
const deadlines = new WeakMap<Context, number>()

/**
 * 503 when a request takes longer than `ms`: the caller gets an answer before the gateway or Lambda
 * cuts it off, and a slow store cannot hold connections open for long. A request that has begun writing
 * (`committing`) is waited for instead, so a 503 never follows a stored write. The limits of one middleware
 * share one timer (`DeadlineQueue`): a request costs no timer of its own.
 */
export function requestTimeout(ms: number): MiddlewareHandler {
  const queue = new DeadlineQueue(ms)
  return async (c, next) => {
    // Apps nest (a test holds one app in another, each with a limit): a limit inside one that ends sooner adds
    // nothing.
    const at = Date.now() + ms
    const enclosing = deadlines.get(c)
    if (enclosing !== undefined && enclosing <= at) return next()
    deadlines.set(c, at)
    const handled = next()
    let deadline: Deadline | undefined
    try {
      await new Promise<void>((resolve, reject) => {
        // A write keeps going past its limit; its outcome is the answer.
        deadline = queue.start(() => committed.has(c) || reject(new RequestTimeoutError()))
        handled.then(resolve, reject)
      })
    } finally {
      if (deadline) queue.finish(deadline)
    }
  }
}
