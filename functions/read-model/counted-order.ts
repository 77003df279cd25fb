import {
  type CountsById,
  type PackedOrder,
  packOrder,
  patchCountedOrder,
  type RankedCounts,
  rankCounts,
  unpackOrder,
} from '../../shared/counting/period-counts.js'
import { countsVersionKey, getCountsIn, type Subject } from '../store/counts.js'
import { getSnapshot, putSnapshotLater, readSnapshotsUsed, type Snapshot } from '../store/read-snapshots.js'
import {
  cachedCountChanges,
  memoize,
  noteSnapshot,
  SNAPSHOT_EVERY,
  SNAPSHOT_MAX_LAG,
  type StoredPeriod,
  snapshotName,
  snapshotVersion,
  type Versions,
} from './cache.js'
import { type Catalog, catalogNameOrder } from './catalog.js'

/**
 * A subject's counted order in a period (`rankCounts`: ranks, no changes): every active agency or dataset of the
 * catalog, and any other with counts, ordered among equals by Thai name. Sorting a national period's 100,000
 * datasets is most of a first read's work, and a rollup changes a few hundred of them, so an order is sorted
 * whole only once: after a rollup it is brought up to date from the one held for the version before
 * (`patchCountedOrder`, with the ids the version changed and their counts read again), and a new process starts
 * from the order's snapshot (the datasets', entries and their counts in order) and the changes since: neither
 * reads the period's 100,000 counts.
 */

/** What an order snapshot holds: the catalog it was ranked against (its fingerprint), and the order's columns. */
interface OrderSnapshot extends PackedOrder {
  fingerprint: string
}

/**
 * The order snapshot of a period's datasets (an agency order, 1,000 entries, is sorted sooner than fetched), or
 * undefined when there is none to use: asked for by a process that holds nothing, beside its catalog and counts.
 */
export function orderSnapshotOf(
  stored: StoredPeriod | undefined,
  subject: Subject,
): Promise<Snapshot<OrderSnapshot> | undefined> | undefined {
  if (!stored || subject !== 'datasets' || !readSnapshotsUsed()) return undefined
  const asked = getSnapshot<OrderSnapshot>(snapshotName('order', stored, subject)).catch(() => undefined)
  return asked
}

export interface OrderOf {
  versions: Versions
  /** The period's id in cache keys, and the version stamp of its counts. */
  period: { id: string; stamp: string }
  /** The month or fiscal year whose counts it ranks (undefined: a sum of months, ranked whole each time). */
  stored: StoredPeriod | undefined
  subject: Subject
  /** The period's counts, asked for only when the order is ranked whole. */
  counts: () => Promise<CountsById>
  cat: Catalog
  /** The order's snapshot, when already asked for (`orderSnapshotOf`). */
  snapshot?: Promise<Snapshot<OrderSnapshot> | undefined> | undefined
}

/** A subject's counted order in a period, cached per version of its counts and the catalog. */
export function countedOrder(o: OrderOf): Promise<RankedCounts[]> {
  const { cat, subject, stored, versions } = o
  const key = `order|${o.period.id}|${subject}`
  // The version of the counts it ranks (a stored period's; a sum of months has none of its own).
  const to = stored && (versions.get(countsVersionKey(stored)) ?? 0)
  return memoize(key, `${o.period.stamp}|${cat.fingerprint}`, async (previous) => {
    const entries = (subject === 'agencies' ? cat.agencies : cat.datasets) as ReadonlyMap<
      string,
      { active: boolean; name?: { th: string }; title?: { th: string } }
    >
    const listed = (id: string) => entries.get(id)?.active === true
    const name = (id: string) => {
      const e = entries.get(id)
      return (e && (e.name ?? e.title)?.th) ?? id
    }
    const names = catalogNameOrder(cat, subject)
    /**
     * `held` (ranked at version `from`) brought up to version `to`, the changed ids' counts read again, or
     * undefined when it cannot be.
     */
    const patched = async (held: readonly RankedCounts[] | undefined, from: number, owned = false) => {
      if (!held || !stored || to === undefined || from > to || to - from > SNAPSHOT_MAX_LAG) return undefined
      const changed = await cachedCountChanges(stored, subject, from, to)
      if (!changed) return undefined
      const [fresh] = (await getCountsIn(subject, [stored], changed)) as [CountsById]
      return patchCountedOrder(held, changed, fresh, listed, name, names, { owned })
    }
    // The order held for an earlier version of the same catalog (a process that served it before a rollup).
    if (previous) {
      const [from, fingerprint] = previous.stamp.split('|')
      const held = fingerprint === cat.fingerprint ? await previous.value.catch(() => undefined) : undefined
      const order = await patched(held, Number(from))
      if (order) return saved(order)
    }
    // The order's snapshot (a new process): its entries as they were, those that changed since placed again.
    const snapshot = await (o.snapshot ?? (previous ? undefined : orderSnapshotOf(stored, subject)))
    if (snapshot && snapshot.data.fingerprint === cat.fingerprint) {
      noteSnapshot(key, snapshot.version)
      const { ids } = cat[subject]
      const held = unpackOrder(snapshot.data, (k) => ids[k] as string)
      const order = await patched(held, snapshot.version, true)
      if (order) return saved(order)
    }
    // Ranked whole: every active entry of the catalog in its order, then every other with counts (100,000 ids:
    // no intermediate arrays or set).
    const current = await o.counts()
    const ids: string[] = []
    for (const [id, e] of entries) if (e.active) ids.push(id)
    for (const id of current.keys()) if (!listed(id)) ids.push(id)
    return saved(rankCounts(ids, current, name, names), true)
  })

  /** Writes the order's snapshot when it was ranked whole, or every `SNAPSHOT_EVERY` versions. */
  function saved(order: RankedCounts[], whole = false): RankedCounts[] {
    if (to === undefined || subject !== 'datasets' || !readSnapshotsUsed()) return order
    if (!whole && to - snapshotVersion(key) < SNAPSHOT_EVERY) return order
    noteSnapshot(key, to)
    const { index } = cat[subject]
    const data: OrderSnapshot = { fingerprint: cat.fingerprint, ...packOrder(order, (id) => index.get(id)) }
    putSnapshotLater(snapshotName('order', stored as StoredPeriod, subject), { version: to, data })
    return order
  }
}
