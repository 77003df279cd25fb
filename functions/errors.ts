import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { log } from './log.js'

/**
 * What can go wrong, as the product's own words: the read model, the jobs and the apps throw these, and none of
 * them knows about HTTP. `HTTP_STATUS` below is the one place a code becomes a status.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'invalid'
  | 'too_many_requests'
  | 'timeout'
  | 'sync_in_progress'
  | 'report_in_progress'
  | 'ckan_not_configured'
  | 'ckan_failed'
  | 'reports_unavailable'
  | 'fiscal_year_not_ended'
  | 'certification_in_progress'
  | 'nothing_to_certify'

/** The HTTP status of each error code, for the apps' answers (`errorResponse`). */
export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  invalid: 422,
  too_many_requests: 429,
  timeout: 503,
  sync_in_progress: 409,
  report_in_progress: 409,
  ckan_not_configured: 409,
  ckan_failed: 502,
  reports_unavailable: 503,
  fiscal_year_not_ended: 409,
  certification_in_progress: 409,
  nothing_to_certify: 409,
}

/** An error whose message is safe to show to the caller, with the code that says what kind it is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** A request or command that is malformed (a parameter of the wrong form). */
export class BadRequestError extends AppError {
  override name = 'BadRequestError'
  constructor(message: string) {
    super('bad_request', message)
  }
}
export class UnauthorizedError extends AppError {
  override name = 'UnauthorizedError'
  constructor(message = 'Sign in first: missing or invalid credentials') {
    super('unauthorized', message)
  }
}
export class ForbiddenError extends AppError {
  override name = 'ForbiddenError'
  constructor(message = 'Your role does not allow this') {
    super('forbidden', message)
  }
}
/** Something named that does not exist (an agency not in the catalog, a report month with none). */
export class NotFoundError extends AppError {
  override name = 'NotFoundError'
  constructor(message: string) {
    super('not_found', message)
  }
}
export class PayloadTooLargeError extends AppError {
  override name = 'PayloadTooLargeError'
  constructor(message: string) {
    super('payload_too_large', message)
  }
}
/** Well-formed input the rules refuse (a month in the future, a target below zero). */
export class ValidationError extends AppError {
  override name = 'ValidationError'
  constructor(message: string) {
    super('invalid', message)
  }
}

export class TooManyRequestsError extends AppError {
  override name = 'TooManyRequestsError'
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_requests', `Too many requests; try again in ${retryAfterSeconds} s`)
  }
}
export class RequestTimeoutError extends AppError {
  override name = 'RequestTimeoutError'
  constructor() {
    super('timeout', 'The request took too long and was stopped; try again')
  }
}

/** The one place errors become responses: `{error: {code, message}}`, never a stack or an internal name. */
export function errorResponse(err: Error, c: Context) {
  if (err instanceof TooManyRequestsError) c.header('retry-after', String(err.retryAfterSeconds))
  if (err instanceof AppError) {
    return c.json({ error: { code: err.code, message: err.message } }, HTTP_STATUS[err.code])
  }
  const status = (err as { status?: unknown }).status
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Framework errors (hono's HTTPException): their status, but our words, so nothing internal leaks.
    return c.json(
      { error: { code: 'bad_request', message: 'The request is not valid' } },
      status as ContentfulStatusCode,
    )
  }
  // The client went away before its body arrived in full (a slow client the server dropped): nobody hears the
  // answer, and it is not our failure, so it is not logged as one (a slow-client flood would fill the log).
  if (isClientAbort(err)) {
    return c.json({ error: { code: 'bad_request', message: 'The request did not arrive in full' } }, 400)
  }
  log.error('unhandled error', { error: err.name, detail: err.message })
  return c.json(
    { error: { code: 'internal', message: 'Something went wrong on our side; it was logged' } },
    500,
  )
}

/** Node's error for a request body cut off by its client or by the server's own time limits. */
function isClientAbort(err: Error): boolean {
  return err.message === 'aborted' && (err as { code?: unknown }).code === 'ECONNRESET'
}

/** 404 for paths no route knows. */
export function notFoundResponse(c: Context) {
  return c.json({ error: { code: 'not_found', message: `No such path: ${c.req.method} ${c.req.path}` } }, 404)
}
