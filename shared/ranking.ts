/** An entry to rank: its measure, its tie-break measure, and its name for display order among equals. */
export interface Rankable {
  value: number
  tieBreak: number
  name: string
}

// Made when first needed, not as the module loads: a collator's locale data is a measurable part of the
// dashboard's start on a phone, and its first page may never sort a name (issue #18).
let thaiCollator: Intl.Collator | undefined

/** Compares Thai names the way Thai readers sort them. */
export function compareThai(a: string, b: string): number {
  thaiCollator ??= new Intl.Collator('th')
  return thaiCollator.compare(a, b)
}

/**
 * Names in Thai order, for rankings that order equals by name without collating per ranking: each id's place
 * (equal names share one) and the names in order (to place a name not listed). Built once per catalog.
 */
export interface NameOrder {
  position: ReadonlyMap<string, number>
  sorted: readonly string[]
}

/** The Thai order of some ids' names. */
export function nameOrder(names: Iterable<readonly [id: string, name: string]>): NameOrder {
  const entries = [...names].sort((a, b) => compareThai(a[1], b[1]))
  const position = new Map<string, number>()
  entries.forEach(([id, name], k) => {
    const prev = entries[k - 1]
    position.set(id, prev && compareThai(prev[1], name) === 0 ? (position.get(prev[0]) as number) : k)
  })
  return { position, sorted: entries.map(([, name]) => name) }
}

/** Each listed id's place in Thai order of names: from `order` where it lists the id, else found in it. */
export function namePositions(
  list: readonly string[],
  nameAt: (index: number) => string,
  order?: NameOrder,
): Float64Array {
  if (!order) {
    const own = nameOrder(list.map((id, i) => [id, nameAt(i)] as const))
    return Float64Array.from(list, (id) => own.position.get(id) as number)
  }
  const positions = Float64Array.from(list, (id) => order.position.get(id) ?? Number.NaN)
  const missing = list.flatMap((_id, i) => (Number.isNaN(positions[i]) ? [i] : []))
  if (missing.length === 0) return positions
  // Names the order does not list fall between its places, in their own Thai order (equal names equal).
  const own = nameOrder(missing.map((i) => [String(i), nameAt(i)] as const))
  for (const i of missing) {
    const { at, equal } = placeOf(order, nameAt(i))
    positions[i] = equal ? at : at - 1 + ((own.position.get(String(i)) as number) + 1) / (missing.length + 1)
  }
  return positions
}

/**
 * A place in Thai order for a name `order` may not list: its entry's place when an equal name is listed, else a
 * place between the two listed names around it (compared with listed places as `namePositions` would).
 */
export function placeAmong(order: NameOrder, name: string): number {
  const { at, equal } = placeOf(order, name)
  return equal ? at : at - 0.5
}

/** Where a name falls in `order`: the index of the first name not before it, and whether that one is equal. */
function placeOf(order: NameOrder, name: string): { at: number; equal: boolean } {
  const at = placeIn(order.sorted, name)
  return { at, equal: at < order.sorted.length && compareThai(order.sorted[at] as string, name) === 0 }
}

/** The index of the first name in Thai order not before `name` (an equal name's place, if there is one). */
function placeIn(sorted: readonly string[], name: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (compareThai(sorted[mid] as string, name) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Standard competition ranking ("1224"): equal values share a rank and the next rank skips.
 * Equals are displayed by `tieBreak` (descending), then by name in Thai collation; display order never
 * changes a rank.
 */
export function rankCompetition<T extends Rankable>(
  items: readonly T[],
  order?: { ids: (item: T) => string; names: NameOrder },
): (T & { rank: number })[] {
  // With the names' order built beforehand (a catalog's), equals are ordered by place, not by collating.
  const positions = order && namePositions(items.map(order.ids), (k) => (items[k] as T).name, order.names)
  const place = positions && new Map(Array.from(positions, (p, k) => [items[k] as T, p] as const))
  const sorted = [...items].sort(
    (a, b) =>
      b.value - a.value ||
      b.tieBreak - a.tieBreak ||
      (place ? (place.get(a) as number) - (place.get(b) as number) : compareThai(a.name, b.name)),
  )
  let rank = 0
  return sorted.map((item, i) => {
    if (i === 0 || item.value !== sorted[i - 1]?.value) rank = i + 1
    return { ...item, rank }
  })
}
