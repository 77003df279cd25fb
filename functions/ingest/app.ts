import { Hono } from 'hono'
import * as z from 'zod'
import { PORTAL_NAME } from '../../shared/portals.js'
import { downloadUrl } from '../../shared/urls.js'
import { committing, maxBody, requestTimeout } from '../auth/limits.js'
import { allow } from '../auth/policy.js'
import { perMinute, rateLimit } from '../auth/rate-limit.js'
import { redirectResponse, securityHeaders } from '../auth/security-headers.js'
import { config } from '../config.js'
import { errorResponse, NotFoundError, notFoundResponse, PayloadTooLargeError } from '../errors.js'
import { requestClient } from '../request-client.js'
import { readJson, validate } from '../validation.js'
import { eventPortals, portalOfDownload } from './portals.js'
import { type Journal, type OnRecorded, recordDownloads } from './record.js'
import { resolveResources } from './resources.js'

export const MAX_EVENTS = 500
export const MAX_BODY_BYTES = 1024 * 1024
/** A download redirect must not keep the user waiting; a batch of 500 writes fits well inside. */
export const INGEST_TIMEOUT_MS = 10_000

/** A resource id as catalogs write them (CKAN: a UUID): printable, at most 200 characters. */
const RESOURCE_ID = /^[^\s\p{Cc}\p{Cf}]{1,200}$/u
const isResourceId = (id: string) => RESOURCE_ID.test(id)

const eventSchema = z.strictObject({
  resourceId: z.string().regex(RESOURCE_ID, 'a resource id: 1 to 200 printable characters, no spaces'),
  eventId: z.string().min(1).max(200).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  userAgent: z.string().max(4096).optional(),
  clientIp: z.union([z.ipv4(), z.ipv6()]).optional(),
  sessionId: z.string().min(1).max(200).optional(),
  portal: z
    .string()
    .regex(PORTAL_NAME, 'a portal name: lower-case letters, digits and hyphens, at most 32 characters')
    .optional(),
})
const batchSchema = z.strictObject({ events: z.array(eventSchema).min(1) })

/** What the runtime gives the ingest app: nothing on Lambda (downloads go straight to the table). */
export interface IngestDeps {
  /** The local runtime's write-ahead journal: single downloads are acknowledged once journaled. */
  journal?: Journal
  /** Told the days that received new events (the local runtime schedules a rollup). */
  onRecorded?: OnRecorded
  /** The rate limits' clock, in ms: real time (`Date.now`); a test holds it still to check what a flood changes. */
  rateLimitNow?: () => number
}

/** The ingest function: download redirects and event batches from the portal and importers. */
export function createIngestApp(deps: IngestDeps = {}) {
  const record = { journal: deps.journal, onRecorded: deps.onRecorded }
  const app = new Hono()
  app.onError(errorResponse)
  app.notFound(notFoundResponse)
  app.use('*', securityHeaders(), requestTimeout(INGEST_TIMEOUT_MS))

  // Per client and per instance; API Gateway's throttling is the outer limit (docs/security.md).
  const downloadLimit = rateLimit({
    budget: () => perMinute(config().rateLimits.downloadsPerMinute),
    clientKey: (c) => requestClient(c).ip,
    ...(deps.rateLimitNow ? { now: deps.rateLimitNow } : {}),
  })
  const eventLimit = rateLimit({
    budget: () => perMinute(config().rateLimits.eventRequestsPerMinute),
    clientKey: (c) => c.req.header('x-api-key') ?? requestClient(c).ip,
    ...(deps.rateLimitNow ? { now: deps.rateLimitNow } : {}),
  })

  app.get('/d/:resourceId', allow({ access: 'public' }), downloadLimit, async (c) => {
    const resourceId = c.req.param('resourceId')
    // An id no catalog can hold is unknown without asking the store (and without echoing it back).
    if (!isResourceId(resourceId)) throw new NotFoundError('No such resource')
    const portal = portalOfDownload(c.req.query('portal'))
    const resource = (await resolveResources([resourceId])).get(resourceId)
    if (!resource?.active) throw new NotFoundError(`No active resource ${resourceId}`)
    // The catalog is synced with safe URLs; one stored before that rule is checked here, before anything counts.
    const target = downloadUrl(resource.url)
    if (!target.ok)
      throw new NotFoundError(`Resource ${resourceId} has no downloadable URL (${target.reason})`)
    // A HEAD request (link checkers, previews) fetches no file: answer it, count nothing.
    if (c.req.method !== 'HEAD') {
      committing(c)
      await recordDownloads(
        [{ resourceId, ...(portal ? { portal } : {}) }],
        requestClient(c),
        undefined,
        record,
      )
    }
    return redirectResponse(target.url, { 'cache-control': 'no-store' })
  })

  app.post(
    '/v1/events',
    eventLimit,
    maxBody(MAX_BODY_BYTES, '; send at most 500 events per request'),
    allow({ access: 'ingest' }),
    async (c) => {
      const body = await readJson(c)
      const events = (body as { events?: unknown })?.events
      if (Array.isArray(events) && events.length > MAX_EVENTS) {
        throw new PayloadTooLargeError(`${events.length} events in one request; the limit is ${MAX_EVENTS}`)
      }
      const isBatch = typeof body === 'object' && body !== null && 'events' in body
      const list = isBatch ? validate(batchSchema, body).events : [validate(eventSchema, body)]
      const fromPortals = eventPortals(list, c.req.header('x-api-key'))
      committing(c)
      const result = await recordDownloads(fromPortals, requestClient(c), undefined, record)
      return c.json(result, 202)
    },
  )

  return app
}
