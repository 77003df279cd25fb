import type { Resource } from '../../shared/catalog.js'
import { getResources } from '../store/catalog.js'

const TTL_MS = 60_000
const cache = new Map<string, { resource: Resource | undefined; expires: number }>()
/** Lookups in flight: concurrent downloads of a resource not cached yet share one read. */
const inFlight = new Map<string, Promise<Resource | undefined>>()

/** Resolves resources through a short-lived cache: the catalog changes daily, downloads every second. */
export async function resolveResources(ids: readonly string[], now = Date.now()) {
  const result = new Map<string, Resource | undefined>()
  const waiting: Promise<void>[] = []
  const missing: string[] = []
  for (const id of new Set(ids)) {
    const hit = cache.get(id)
    const pending = inFlight.get(id)
    if (hit && hit.expires > now) result.set(id, hit.resource)
    else if (pending) waiting.push(pending.then((resource) => void result.set(id, resource)))
    else missing.push(id)
  }
  if (missing.length > 0) {
    const lookup = getResources(missing)
      .then((found) => {
        if (cache.size > 50_000) cache.clear()
        for (const id of missing) cache.set(id, { resource: found.get(id), expires: now + TTL_MS })
        return found
      })
      // A failed lookup is not cached: whoever shared it gets the error, the next download asks again.
      .finally(() => {
        for (const id of missing) inFlight.delete(id)
      })
    for (const id of missing) {
      const one = lookup.then((found) => found.get(id))
      inFlight.set(id, one)
      waiting.push(one.then((resource) => void result.set(id, resource)))
    }
  }
  await Promise.all(waiting)
  return result
}

/** Forgets cached resources (after a catalog sync in the same process). */
export function clearResourceCache(): void {
  cache.clear()
  inFlight.clear()
}
