/**
 * A signed-in executive always sees their own agencies' entries in a list that shows only its top: the
 * entries past the shown ones, kept per agency so a response can add the caller's own. Pure.
 */

/** An entry of a ranked list: its id, its agency and its rank. */
export interface OwnedEntry {
  id: string
  agencyId: string
  rank: number
}

/**
 * The entries of `all` (in rank order) that `shown` leaves out, by agency: each agency's best `perAgency`
 * (an agency category has one entry per agency; a dataset category keeps the agency's datasets nearest the top).
 */
export function entriesBeyond<T extends OwnedEntry>(
  all: readonly T[],
  shown: readonly T[],
  perAgency: number,
): Map<string, T[]> {
  const visible = new Set(shown.map((e) => e.id))
  const beyond = new Map<string, T[]>()
  for (const entry of all) {
    if (visible.has(entry.id)) continue
    const list = beyond.get(entry.agencyId) ?? []
    if (list.length >= perAgency) continue
    list.push(entry)
    beyond.set(entry.agencyId, list)
  }
  return beyond
}

/** The entries of `agencyIds` among those beyond the shown ones, in rank order. */
export function ownEntriesBeyond<T extends OwnedEntry>(
  beyond: ReadonlyMap<string, readonly T[]>,
  agencyIds: readonly string[],
): T[] {
  return [...new Set(agencyIds)].flatMap((id) => beyond.get(id) ?? []).sort((a, b) => a.rank - b.rank)
}

/**
 * Where a list shown in rank order skips entries: for each entry, whether some entry ranked between it and the
 * one before it is left out (an executive's own entry, or one DGA reviewed, shown far below the rest). Under
 * competition ranking ("1224") the entry after `k` entries tied at rank `r` ranks `r + k`, so a rank beyond
 * that means entries in between are not shown. The first entry has nothing before it to be apart from.
 */
export function rankGaps(entries: readonly { rank: number }[]): boolean[] {
  let tied = 0
  return entries.map((entry, i) => {
    const previous = entries[i - 1]
    if (!previous) {
      tied = 1
      return false
    }
    const gap = entry.rank > previous.rank + tied
    tied = entry.rank === previous.rank ? tied + 1 : 1
    return gap
  })
}
