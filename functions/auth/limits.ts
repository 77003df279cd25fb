import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { PayloadTooLargeError, RequestTimeoutError } from '../errors.js'

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

/**
 * 503 when a request takes longer than `ms`: the caller gets an answer before the gateway or Lambda
 * cuts it off, and a slow store cannot hold connections open for long.
 */
export function requestTimeout(ms: number): MiddlewareHandler {
  return async (_c, next) => {
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RequestTimeoutError()), ms)
    })
    try {
      await Promise.race([next(), expired])
    } finally {
      clearTimeout(timer)
    }
  }
}
