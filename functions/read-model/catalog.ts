import { createHash } from 'node:crypto'
import {
  type Agency,
  type DatasetColumns,
  datasetColumns,
  datasetFromColumns,
  type ListedDataset,
} from '../../shared/catalog.js'
import { type NameOrder, nameOrder } from '../../shared/ranking.js'
import { NotFoundError } from '../errors.js'
import { listAgencies, listDatasets } from '../store/catalog.js'
import { catalogVersion } from '../store/keys.js'
import { getSnapshot, putSnapshotLater, readSnapshotsUsed } from '../store/read-snapshots.js'
import { readVersions } from './cache.js'

/**
 * A loaded catalog is used while the catalog's version (moved by every write of agencies or datasets) stays
 * the same, for at most this long (a safety net: nothing writes the catalog without moving its version).
 */
const MAX_AGE_MS = 15 * 60_000
let cached:
  | {
      /**
       * Each subject's entries, over their ids in the catalog's own order (an order snapshot names an entry by
       * its index there).
       */
      agencies: Indexed<Agency>
      datasets: Indexed<ListedDataset>
      /** A hash of the content: what is built from the catalog is rebuilt only when this changes. */
      fingerprint: string
      version: number
      expires: number
    }
  | undefined
let loading: Promise<NonNullable<typeof cached>> | undefined

/**
 * The catalog, read again only after it changed (it changes once a day; its version is checked with the
 * counts' versions, at most once a second). Once read, an outdated copy is answered while the fresh one loads,
 * so no request waits for a national catalog (100,000 items). A process that holds none starts from the
 * catalog's snapshot when it is of the current version (one object instead of 100,000 items), and one that
 * read the catalog whole leaves a snapshot for the next.
 */
export async function catalog() {
  const version = (await readVersions()).get(catalogVersion) ?? 0
  if (cached && cached.version === version && cached.expires > Date.now()) return cached
  const reload = load(version)
  return cached ?? reload
}

/**
 * What a catalog snapshot holds: the agencies, the datasets in columns (a new process parses 100,000 datasets'
 * columns in a fraction of the time their objects take), the fingerprint, and each subject's Thai name order
 * as every entry's position in it and the entries' indices in that order.
 */
interface CatalogSnapshot {
  agencies: Agency[]
  datasets: DatasetColumns
  fingerprint: string
  orders: Record<'agencies' | 'datasets', { position: number[]; byName: number[] }>
}

const SNAPSHOT = 'catalog'

/**
 * Entries of the catalog by id, over their list: one index from id to place serves the entries and each
 * subject's name order (`positionsBy`), and an entry is built from its columns when first looked up (a new
 * process's first read looks up a few hundred of 100,000 datasets).
 */
export class Indexed<T> implements ReadonlyMap<string, T> {
  readonly #built: (T | undefined)[]
  constructor(
    readonly index: ReadonlyMap<string, number>,
    readonly ids: readonly string[],
    readonly build: (k: number) => T,
  ) {
    this.#built = new Array(ids.length)
  }
  at(k: number): T {
    let entry = this.#built[k]
    if (entry === undefined) {
      entry = this.build(k)
      this.#built[k] = entry
    }
    return entry
  }
  get(id: string): T | undefined {
    const k = this.index.get(id)
    return k === undefined ? undefined : this.at(k)
  }
  has(id: string): boolean {
    return this.index.has(id)
  }
  get size(): number {
    return this.ids.length
  }
  *entries(): MapIterator<[string, T]> {
    for (let k = 0; k < this.ids.length; k++) yield [this.ids[k] as string, this.at(k)]
  }
  keys(): MapIterator<string> {
    return this.ids.values()
  }
  *values(): MapIterator<T> {
    for (let k = 0; k < this.ids.length; k++) yield this.at(k)
  }
  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries()
  }
  forEach(fn: (value: T, key: string, map: ReadonlyMap<string, T>) => void): void {
    for (const [id, entry] of this) fn(entry, id, this)
  }
}

/** Each id's place in a list, one index. */
function indexOf(ids: readonly string[]): Map<string, number> {
  const index = new Map<string, number>()
  for (let k = 0; k < ids.length; k++) index.set(ids[k] as string, k)
  return index
}

/** A name order's positions by id, over a catalog index (`position[k]` is the place of the k-th id). */
const positionsBy = (entries: Indexed<unknown>, position: readonly number[]) =>
  new Indexed(entries.index, entries.ids, (k) => position[k] as number)

function install(
  agencies: Agency[],
  datasets: { ids: string[]; at: (k: number) => ListedDataset },
  fingerprint: string,
  version: number,
) {
  const agencyIds = agencies.map((a) => a.agencyId)
  cached = {
    agencies: new Indexed(indexOf(agencyIds), agencyIds, (k) => agencies[k] as Agency),
    datasets: new Indexed(indexOf(datasets.ids), datasets.ids, datasets.at),
    fingerprint,
    version,
    expires: Date.now() + MAX_AGE_MS,
  }
  return cached
}

async function fromSnapshot(version: number) {
  if (!readSnapshotsUsed()) return undefined
  const snapshot = await getSnapshot<CatalogSnapshot>(SNAPSHOT).catch(() => undefined)
  if (!snapshot || snapshot.version !== version) return undefined
  const { agencies, fingerprint, orders } = snapshot.data
  const columns = snapshot.data.datasets
  const cat = install(agencies, { ids: columns.ids, at: datasetFromColumns(columns) }, fingerprint, version)
  for (const subject of ['agencies', 'datasets'] as const) {
    const { position, byName } = orders[subject]
    const names = subject === 'agencies' ? agencies.map((a) => a.name.th) : columns.th
    nameOrders.set(`${subject}|${fingerprint}`, {
      position: positionsBy(cat[subject], position),
      sorted: byName.map((k) => names[k] as string),
    })
  }
  return cat
}

async function fromTable(version: number) {
  const [agencies, datasets] = await Promise.all([listAgencies(), listDatasets()])
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([agencies, datasets]))
    .digest('base64url')
  // Listed without their resources (ListedDataset), as a snapshot gives them.
  const listed = datasets.map(({ resourceIds: _, ...d }): ListedDataset => d)
  const ids = listed.map((d) => d.datasetId)
  const cat = install(agencies, { ids, at: (k) => listed[k] as ListedDataset }, fingerprint, version)
  if (!readSnapshotsUsed()) return cat
  const orderOf = (subject: 'agencies' | 'datasets') => {
    const order = catalogNameOrder(cat, subject)
    const position = cat[subject].ids.map((id) => order.position.get(id) as number)
    const byName = position.map((_, k) => k).sort((a, b) => (position[a] as number) - (position[b] as number))
    return { position, byName }
  }
  const snapshot: CatalogSnapshot = {
    agencies,
    datasets: datasetColumns(listed),
    fingerprint,
    orders: { agencies: orderOf('agencies'), datasets: orderOf('datasets') },
  }
  putSnapshotLater(SNAPSHOT, { version, data: snapshot })
  return cat
}

function load(version: number) {
  loading ??= (async () => (await fromSnapshot(version)) ?? fromTable(version))().finally(() => {
    loading = undefined
  })
  // A background reload that fails leaves the old copy in use; the next request tries again.
  loading.catch(() => undefined)
  return loading
}

export type Catalog = NonNullable<typeof cached>
const nameOrders = new Map<string, NameOrder>()

/**
 * The Thai order of the catalog's agency names or dataset titles, built once per catalog content (collating
 * 100,000 titles takes about a second; a ranking that orders equals by them then takes a fraction of it).
 */
export function catalogNameOrder(cat: Catalog, subject: 'agencies' | 'datasets'): NameOrder {
  const key = `${subject}|${cat.fingerprint}`
  let order = nameOrders.get(key)
  if (!order) {
    order =
      subject === 'agencies'
        ? nameOrder([...cat.agencies].map(([id, a]) => [id, a.name.th] as const))
        : nameOrder([...cat.datasets].map(([id, d]) => [id, d.title.th] as const))
    for (const k of nameOrders.keys()) if (k.startsWith(`${subject}|`)) nameOrders.delete(k)
    nameOrders.set(key, order)
  }
  return order
}

/** Whether this process holds a catalog (of any version): a new process holds none until its first load ends. */
export const catalogHeld = () => cached !== undefined

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
