import type { Resource } from '../../shared/catalog.js'
import { getResources } from '../store/catalog.js'

const TTL_MS = 60_000
const cache = new Map<string, { resource: Resource | undefined; expires: number }>()

/** Resolves resources through a short-lived cache: the catalog changes daily, downloads every second. */
export async function resolveResources(ids: readonly string[], now = Date.now()) {
  const result = new Map<string, Resource | undefined>()
  const missing: string[] = []
  for (const id of new Set(ids)) {
    const hit = cache.get(id)
    if (hit && hit.expires > now) result.set(id, hit.resource)
    else missing.push(id)
  }
  if (missing.length > 0) {
    const found = await getResources(missing)
    if (cache.size > 50_000) cache.clear()
    for (const id of missing) {
      const resource = found.get(id)
      cache.set(id, { resource, expires: now + TTL_MS })
      result.set(id, resource)
    }
  }
  return result
}

/** Forgets cached resources (after a catalog sync in the same process). */
export function clearResourceCache(): void {
  cache.clear()
}
