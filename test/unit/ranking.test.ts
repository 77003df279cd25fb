import { describe, expect, it } from 'vitest'
import { rankCompetition } from '../../shared/ranking.js'

const entry = (name: string, value: number, tieBreak = 0) => ({ name, value, tieBreak })

describe('competition ranking', () => {
  it.each([
    { values: [10, 8, 8, 5], ranks: [1, 2, 2, 4] },
    { values: [5, 5, 5], ranks: [1, 1, 1] },
    { values: [9, 7, 7, 7, 1], ranks: [1, 2, 2, 2, 5] },
    { values: [0, 0], ranks: [1, 1] },
    { values: [], ranks: [] },
  ])('ranks $values as $ranks ("1224")', ({ values, ranks }) => {
    const ranked = rankCompetition(values.map((v, i) => entry(`n${i}`, v)))
    expect(ranked.map((r) => r.rank)).toEqual(ranks)
  })

  it('orders equals by unique downloads, then by Thai name, without changing their rank', () => {
    const ranked = rankCompetition([
      entry('ขอนแก่น', 10, 3),
      entry('กรุงเทพ', 10, 3),
      entry('ชลบุรี', 10, 7),
      entry('ตาก', 20, 0),
    ])
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['ตาก', 1],
      ['ชลบุรี', 2],
      ['กรุงเทพ', 2],
      ['ขอนแก่น', 2],
    ])
  })
})
