import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { allow } from '../auth/policy.js'
import { errorResponse, NotFoundError, notFoundResponse, PayloadTooLargeError } from '../errors.js'
import { requestClient } from '../request-client.js'
import { readJson, validate } from '../validation.js'
import { recordDownloads } from './record.js'
import { resolveResources } from './resources.js'

export const MAX_EVENTS = 500
export const MAX_BODY_BYTES = 1024 * 1024

const eventSchema = z.strictObject({
  resourceId: z.string().min(1).max(200),
  eventId: z.string().min(1).max(200).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  userAgent: z.string().max(4096).optional(),
  clientIp: z.union([z.ipv4(), z.ipv6()]).optional(),
  sessionId: z.string().min(1).max(200).optional(),
})
const batchSchema = z.strictObject({ events: z.array(eventSchema).min(1) })

/** The ingest function: download redirects and event batches from the portal and importers. */
const app = new Hono()
app.onError(errorResponse)
app.notFound(notFoundResponse)

app.get('/d/:resourceId', allow({ access: 'public' }), async (c) => {
  const resourceId = c.req.param('resourceId')
  const resource = (await resolveResources([resourceId])).get(resourceId)
  if (!resource?.active) throw new NotFoundError(`No active resource ${resourceId}`)
  // A HEAD request (link checkers, previews) fetches no file: answer it, count nothing.
  if (c.req.method !== 'HEAD') await recordDownloads([{ resourceId }], requestClient(c))
  c.header('cache-control', 'no-store')
  return c.redirect(resource.url, 302)
})

app.post(
  '/v1/events',
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError('The body is over 1 MB; send at most 500 events per request')
    },
  }),
  allow({ access: 'ingest' }),
  async (c) => {
    const body = await readJson(c)
    const events = (body as { events?: unknown })?.events
    if (Array.isArray(events) && events.length > MAX_EVENTS) {
      throw new PayloadTooLargeError(`${events.length} events in one request; the limit is ${MAX_EVENTS}`)
    }
    const isBatch = typeof body === 'object' && body !== null && 'events' in body
    const list = isBatch ? validate(batchSchema, body).events : [validate(eventSchema, body)]
    const result = await recordDownloads(list, requestClient(c))
    return c.json(result, 202)
  },
)

export default app
