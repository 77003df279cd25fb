import { describe, expect, it } from 'vitest'
import { entriesBeyond, ownEntriesBeyond } from '../../shared/own-entries.js'

/** Ranked entries: `a1-2` is agency a1's second dataset. */
const entry = (id: string, rank: number) => ({ id, agencyId: id.split('-')[0] as string, rank })
const ALL = [
  entry('a1-1', 1),
  entry('a2-1', 2),
  entry('a1-2', 3),
  entry('a3-1', 4),
  entry('a3-2', 5),
  entry('a3-3', 6),
  entry('a2-2', 6),
  entry('a3-4', 8),
]
const SHOWN = ALL.slice(0, 3)

describe("an executive's own entries past the ones shown", () => {
  it.each([
    { name: 'an agency all past the list, best first, at most two', agencies: ['a3'], ids: ['a3-1', 'a3-2'] },
    { name: 'only the entries not shown already', agencies: ['a2'], ids: ['a2-2'] },
    { name: 'none for an agency all shown', agencies: ['a1'], ids: [] },
    { name: 'several agencies merged in rank order', agencies: ['a2', 'a3'], ids: ['a3-1', 'a3-2', 'a2-2'] },
    { name: 'none for an unknown agency', agencies: ['zz'], ids: [] },
    { name: 'each agency once, named twice', agencies: ['a2', 'a2'], ids: ['a2-2'] },
  ])('$name', ({ agencies, ids }) => {
    const beyond = entriesBeyond(ALL, SHOWN, 2)
    expect(ownEntriesBeyond(beyond, agencies).map((e) => e.id)).toEqual(ids)
  })
})
