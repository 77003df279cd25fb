import { createHash } from 'node:crypto'
import type { Agency, Dataset } from '../../shared/catalog.js'
import { NotFoundError } from '../errors.js'
import { listAgencies, listDatasets } from '../store/catalog.js'

const TTL_MS = 60_000
let cached:
  | {
      agencies: Map<string, Agency>
      datasets: Map<string, Dataset>
      /** A hash of the content: what is built from the catalog is rebuilt only when this changes. */
      fingerprint: string
      expires: number
    }
  | undefined
let loading: Promise<NonNullable<typeof cached>> | undefined

/**
 * The catalog, read at most once a minute per process (it changes once a day). Once read, an expired copy is
 * answered while the fresh one loads, so no request waits for a national catalog (tens of thousands of items).
 */
export async function catalog() {
  if (cached && cached.expires > Date.now()) return cached
  const reload = load()
  return cached ?? reload
}

function load() {
  loading ??= Promise.all([listAgencies(), listDatasets()])
    .then(([agencies, datasets]) => {
      cached = {
        agencies: new Map(agencies.map((a) => [a.agencyId, a])),
        datasets: new Map(datasets.map((d) => [d.datasetId, d])),
        fingerprint: createHash('sha256')
          .update(JSON.stringify([agencies, datasets]))
          .digest('base64url'),
        expires: Date.now() + TTL_MS,
      }
      return cached
    })
    .finally(() => {
      loading = undefined
    })
  // A background reload that fails leaves the old copy in use; the next request tries again.
  loading.catch(() => undefined)
  return loading
}

/** Forgets the cached catalog (after a sync in this process). */
export function clearCatalogCache(): void {
  cached = undefined
}

/** The agency of the catalog with this id: 404 naming the parameter when there is none. */
export async function knownAgency(agencyId: string, param = 'agencyId') {
  const agency = (await catalog()).agencies.get(agencyId)
  if (!agency) throw new NotFoundError(`${param} "${agencyId}" is not an agency of the catalog`)
  return agency
}
