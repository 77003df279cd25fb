/** An entry to rank: its measure, its tie-break measure, and its name for display order among equals. */
export interface Rankable {
  value: number
  tieBreak: number
  name: string
}

const thaiCollator = new Intl.Collator('th')

/** Compares Thai names the way Thai readers sort them. */
export const compareThai = (a: string, b: string) => thaiCollator.compare(a, b)

/**
 * Standard competition ranking ("1224"): equal values share a rank and the next rank skips.
 * Equals are displayed by `tieBreak` (descending), then by name in Thai collation; display order never
 * changes a rank.
 */
export function rankCompetition<T extends Rankable>(items: readonly T[]): (T & { rank: number })[] {
  const sorted = [...items].sort(
    (a, b) => b.value - a.value || b.tieBreak - a.tieBreak || compareThai(a.name, b.name),
  )
  let rank = 0
  return sorted.map((item, i) => {
    if (i === 0 || item.value !== sorted[i - 1]?.value) rank = i + 1
    return { ...item, rank }
  })
}
