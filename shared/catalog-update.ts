import type { Agency, Dataset, Resource } from './catalog.js'

export interface CatalogSnapshot {
  agencies: readonly Agency[]
  datasets: readonly Dataset[]
  resources: readonly Resource[]
}

export interface CatalogUpdate {
  /** Items that are new or changed: only these need writing. */
  write: { agencies: Agency[]; datasets: Dataset[]; resources: Resource[] }
  /** The catalog after the update: how many are active and inactive of each kind. */
  totals: Record<'agencies' | 'datasets' | 'resources', { active: number; inactive: number }>
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    )
  }
  return value
}
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))

/** The fetched items, plus every stored item the source no longer lists, marked inactive. */
function merge<T extends { active: boolean }>(
  stored: readonly T[],
  fetched: readonly T[],
  id: (item: T) => string,
  mergeKept?: (next: T, old: T) => T,
): { next: T[]; write: T[] } {
  const old = new Map(stored.map((s) => [id(s), s]))
  const seen = new Set<string>()
  const next: T[] = []
  for (const f of fetched) {
    const before = old.get(id(f))
    next.push(before && mergeKept ? mergeKept(f, before) : f)
    seen.add(id(f))
  }
  for (const s of stored) if (!seen.has(id(s))) next.push(s.active ? { ...s, active: false } : s)
  const write = next.filter((n) => {
    const before = old.get(id(n))
    return !before || !same(before, n)
  })
  return { next, write }
}

const totalsOf = (items: readonly { active: boolean }[]) => {
  const active = items.filter((i) => i.active).length
  return { active, inactive: items.length - active }
}

/**
 * Plans a catalog sync: upserts what the source lists, and marks inactive (never deletes) what it no longer
 * lists, so past downloads keep their agency and dataset. A dataset keeps the ids of resources it lost.
 */
export function planCatalogUpdate(stored: CatalogSnapshot, fetched: CatalogSnapshot): CatalogUpdate {
  const agencies = merge(stored.agencies, fetched.agencies, (a) => a.agencyId)
  const datasets = merge(
    stored.datasets,
    fetched.datasets,
    (d) => d.datasetId,
    (next, old) => ({
      ...next,
      resourceIds: [...new Set([...next.resourceIds, ...old.resourceIds])],
    }),
  )
  // Resources of datasets that disappeared are gone from the source too.
  const resources = merge(stored.resources, fetched.resources, (r) => r.resourceId)
  return {
    write: { agencies: agencies.write, datasets: datasets.write, resources: resources.write },
    totals: {
      agencies: totalsOf(agencies.next),
      datasets: totalsOf(datasets.next),
      resources: totalsOf(resources.next),
    },
  }
}

/** The outcome of one catalog sync, kept for DGA (`GET /v1/catalog/sync`) and printed by the CLI. */
export interface CatalogSyncResult {
  ok: boolean
  source: string
  startedAt: string
  finishedAt: string
  /** Set when the sync failed; then nothing was written. */
  error?: string
  totals?: CatalogUpdate['totals']
  /** How many items were new or changed, and written. */
  written?: { agencies: number; datasets: number; resources: number }
  /** Packages without an organization of the portal, left out. */
  skippedDatasets?: number
  /** Organizations neither the portal's hierarchy nor the mapping file places in an award group. */
  unmapped?: string[]
  /** Resources whose URL cannot be a download (kept inactive, so never redirected to), with the reason. */
  badUrls?: BadResourceUrl[]
  /**
   * Each portal's outcome, in the configured order. A portal that failed changed nothing of the catalog (its
   * stored items kept as they were); the others were written. `ok` is false when any portal failed.
   */
  portals?: PortalSyncOutcome[]
}

/** What one portal's part of a catalog sync did. */
export interface PortalSyncOutcome {
  name: string
  source: string
  ok: boolean
  /** Set when this portal failed: nothing of it was written. */
  error?: string
  organizations?: number
  datasets?: number
}

/** A resource of the portal whose URL was refused as a redirect target (see shared/urls.ts). */
export interface BadResourceUrl {
  resourceId: string
  datasetId: string
  reason: string
}
