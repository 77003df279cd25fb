import { ingestKeyHash } from '../auth/api-keys.js'
import { config } from '../config.js'
import { BadRequestError, ForbiddenError, ValidationError } from '../errors.js'
import type { IncomingEvent } from './record.js'

/** The portals an event may name: the configured ones, or the default alone when none is configured. */
function knownPortals(): string[] {
  const { portals, defaultPortal } = config()
  return portals.length > 0 ? portals.map((p) => p.name) : [defaultPortal]
}

const unknown = (portal: string) =>
  `"${portal}" is not a configured portal (configured: ${knownPortals().join(', ')})`

/** The portal `GET /d/:resourceId?portal=` names, checked; undefined: the default portal. */
export function portalOfDownload(portal: string | undefined): string | undefined {
  if (portal === undefined) return undefined
  if (!knownPortals().includes(portal)) throw new BadRequestError(`portal: ${unknown(portal.slice(0, 40))}`)
  return portal
}

/**
 * The portal of each event of `POST /v1/events`: the one it names, which must be configured, else the portal
 * the ingest key is bound to (if any). An event naming another portal than its key's is refused, whole request.
 */
export function eventPortals(events: readonly IncomingEvent[], apiKey: string | undefined): IncomingEvent[] {
  const bound = apiKey ? config().ingestKeyPortals.get(ingestKeyHash(apiKey)) : undefined
  const known = knownPortals()
  return events.map((e, index) => {
    const where = events.length > 1 ? `events[${index}].portal` : 'portal'
    if (e.portal !== undefined && !known.includes(e.portal))
      throw new ValidationError(`${where}: ${unknown(e.portal)}`)
    if (bound !== undefined && e.portal !== undefined && e.portal !== bound) {
      throw new ForbiddenError(`This ingest key is bound to portal "${bound}"; ${where} says "${e.portal}"`)
    }
    const portal = e.portal ?? bound
    return portal === undefined ? e : { ...e, portal }
  })
}
