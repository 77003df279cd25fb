import { describe, expect, it } from 'vitest'
import { entriesBeyond, ownEntriesBeyond, rankGaps } from '../../shared/own-entries.js'

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

describe('where a list in rank order skips entries (rankGaps)', () => {
  it.each<[string, number[], boolean[]]>([
    ['a list from the top without holes', [1, 2, 3, 4], [false, false, false, false]],
    ['ties at a rank, then the next rank after them', [1, 2, 2, 4, 5], [false, false, false, false, false]],
    ['an own entry far below', [1, 2, 3, 65], [false, false, false, true]],
    [
      'a reviewed entry a discount moved down, between shown ones',
      [1, 2, 3, 40, 41],
      [false, false, false, true, false],
    ],
    ['a tie of which only some are shown', [1, 1, 4], [false, false, true]],
    ['the next place after a three-way tie', [2, 2, 2, 5], [false, false, false, false]],
    ['one entry', [7], [false]],
    ['nothing', [], []],
  ])('%s: %j', (_name, ranks, gaps) => {
    expect(rankGaps(ranks.map((rank) => ({ rank })))).toEqual(gaps)
  })
})
