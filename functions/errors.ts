import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { redact } from './auth/redact.js'

/** An error whose message is safe to show to the caller, with the HTTP status and code it maps to. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export class BadRequestError extends AppError {
  override name = 'BadRequestError'
  constructor(message: string) {
    super(400, 'bad_request', message)
  }
}
export class UnauthorizedError extends AppError {
  override name = 'UnauthorizedError'
  constructor(message = 'Sign in first: missing or invalid credentials') {
    super(401, 'unauthorized', message)
  }
}
export class ForbiddenError extends AppError {
  override name = 'ForbiddenError'
  constructor(message = 'Your role does not allow this') {
    super(403, 'forbidden', message)
  }
}
export class NotFoundError extends AppError {
  override name = 'NotFoundError'
  constructor(message: string) {
    super(404, 'not_found', message)
  }
}
export class PayloadTooLargeError extends AppError {
  override name = 'PayloadTooLargeError'
  constructor(message: string) {
    super(413, 'payload_too_large', message)
  }
}
export class ValidationError extends AppError {
  override name = 'ValidationError'
  constructor(message: string) {
    super(422, 'invalid', message)
  }
}

export class TooManyRequestsError extends AppError {
  override name = 'TooManyRequestsError'
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too_many_requests', `Too many requests; try again in ${retryAfterSeconds} s`)
  }
}
export class RequestTimeoutError extends AppError {
  override name = 'RequestTimeoutError'
  constructor() {
    super(503, 'timeout', 'The request took too long and was stopped; try again')
  }
}

/** The one place errors become responses: `{error: {code, message}}`, never a stack or an internal name. */
export function errorResponse(err: Error, c: Context) {
  if (err instanceof TooManyRequestsError) c.header('retry-after', String(err.retryAfterSeconds))
  if (err instanceof AppError) return c.json({ error: { code: err.code, message: err.message } }, err.status)
  const status = (err as { status?: unknown }).status
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Framework errors (hono's HTTPException): their status, but our words, so nothing internal leaks.
    return c.json(
      { error: { code: 'bad_request', message: 'The request is not valid' } },
      status as ContentfulStatusCode,
    )
  }
  console.error(
    JSON.stringify({ level: 'error', msg: 'unhandled error', error: err.name, detail: redact(err.message) }),
  )
  return c.json(
    { error: { code: 'internal', message: 'Something went wrong on our side; it was logged' } },
    500,
  )
}

/** 404 for paths no route knows. */
export function notFoundResponse(c: Context) {
  return c.json({ error: { code: 'not_found', message: `No such path: ${c.req.method} ${c.req.path}` } }, 404)
}
