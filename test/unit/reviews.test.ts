import { describe, expect, it } from 'vitest'
import { type AwardCategory, awardStandings, type Contender } from '../../shared/awards.js'
import { applyReviews, busiestDays, nearAward, type ReviewDecision } from '../../shared/reviews.js'

/** Contenders c0, c1, … from download counts. */
const contenders = (values: number[]): Contender[] =>
  values.map((downloads, i) => ({
    id: `c${i}`,
    agencyId: `a${i}`,
    name: `ชื่อ ${i}`,
    downloads,
    uniqueDownloads: Math.floor(downloads / 2),
  }))
const top = (places: number): AwardCategory => ({ id: 'agency-plaque', subject: 'agency', places })

describe('award standings follow review decisions', () => {
  it.each<{
    name: string
    values: number[]
    decision?: ReviewDecision
    discount?: number
    awarded: string[]
    cutoff: number | null
    ties: boolean
  }>([
    { name: 'no decision', values: [500, 40, 30, 20], awarded: ['c0', 'c1'], cutoff: 40, ties: false },
    {
      name: 'cleared changes nothing',
      values: [500, 40, 30, 20],
      decision: 'cleared',
      awarded: ['c0', 'c1'],
      cutoff: 40,
      ties: false,
    },
    {
      name: 'a discount drops the entry below the cut-off',
      values: [500, 40, 30, 20],
      decision: 'discount',
      discount: 490,
      awarded: ['c1', 'c2'],
      cutoff: 30,
      ties: false,
    },
    {
      name: 'a discount that lands on the cut-off ties there',
      values: [500, 40, 30, 20],
      decision: 'discount',
      discount: 470,
      awarded: ['c1', 'c0', 'c2'],
      cutoff: 30,
      ties: true,
    },
    {
      name: 'a discount that keeps the entry in place',
      values: [500, 40, 30, 20],
      decision: 'discount',
      discount: 100,
      awarded: ['c0', 'c1'],
      cutoff: 40,
      ties: false,
    },
    {
      name: 'a discount never goes below zero',
      values: [500, 40, 30, 20],
      decision: 'discount',
      discount: 9999,
      awarded: ['c1', 'c2'],
      cutoff: 30,
      ties: false,
    },
    {
      name: 'a disqualified entry gives its place to the next',
      values: [500, 40, 30, 20],
      decision: 'disqualified',
      awarded: ['c1', 'c2'],
      cutoff: 30,
      ties: false,
    },
    {
      name: 'a disqualified entry tied at the cut-off leaves the tie to the others',
      values: [500, 40, 40, 20],
      decision: 'disqualified',
      awarded: ['c1', 'c2'],
      cutoff: 40,
      ties: false,
    },
  ])('$name', ({ values, decision, discount, awarded, cutoff, ties }) => {
    const reviews = new Map(decision ? [['c0', { decision }]] : [])
    const discounted = new Map(
      discount === undefined ? [] : [['c0', { downloads: discount, uniqueDownloads: 0 }]],
    )
    const result = awardStandings(top(2), applyReviews(contenders(values), reviews, discounted))
    expect(result.standings.filter((s) => s.awarded).map((s) => s.id)).toEqual(awarded)
    expect([result.cutoff, result.ties]).toEqual([cutoff, ties])
    const first = result.standings.find((s) => s.id === 'c0')
    expect(first?.downloads).toBe(500)
    expect(first?.review?.decision).toBe(decision)
    if (decision === 'discount') {
      const left = Math.min(500, discount ?? 0)
      expect(first?.awardCount).toBe(500 - left)
      expect(first?.review?.discounted).toBe(left)
    } else expect(first?.awardCount).toBeUndefined()
  })
})

describe('the days a discount is likely to name', () => {
  it('marks the days that stand out against the median day of their month, busiest first', () => {
    const days = Array.from({ length: 30 }, (_, i) => ({
      day: `2026-10-${String(i + 1).padStart(2, '0')}`,
      downloads: i >= 10 && i < 12 ? 700 : 10,
    }))
    const out = busiestDays([{ month: '2026-10', days }], { limit: 4 })
    expect(out).toEqual([
      { day: '2026-10-11', downloads: 700, suggested: true },
      { day: '2026-10-12', downloads: 700, suggested: true },
      { day: '2026-10-01', downloads: 10, suggested: false },
      { day: '2026-10-02', downloads: 10, suggested: false },
    ])
  })

  it('suggests nothing for a month of small, even days', () => {
    const days = [5, 6, 18, 4].map((downloads, i) => ({ day: `2026-10-0${i + 1}`, downloads }))
    expect(busiestDays([{ month: '2026-10', days }]).some((d) => d.suggested)).toBe(false)
  })
})

describe('which entries the review queue looks at', () => {
  it.each([
    { rank: 3, awarded: true, places: 9, near: true },
    { rank: 10, awarded: true, places: 9, near: true }, // tied at the cut-off
    { rank: 12, awarded: false, places: 9, near: true },
    { rank: 13, awarded: false, places: 9, near: false },
  ])('rank $rank of $places places (awarded: $awarded): $near', ({ rank, awarded, places, near }) => {
    expect(nearAward({ rank, awarded }, places)).toBe(near)
  })
})
