import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CountedOrder,
  shortlistFromOrder,
  shortlistOf,
  shortlistWindow,
} from '../../shared/award-shortlist.js'
import type { AwardCategory, Contender } from '../../shared/awards.js'
import { nameOrder, rankCompetition } from '../../shared/ranking.js'
import type { ReviewDecision } from '../../shared/reviews.js'

/** Contenders in counted order (downloads, unique downloads, Thai name), as a ranking hands them over. */
function countedOrder(contenders: Contender[], names: ReturnType<typeof nameOrder>): CountedOrder {
  const sorted = rankCompetition(
    contenders.map((c) => ({ ...c, value: c.downloads, tieBreak: c.uniqueDownloads })),
    { ids: (c) => c.id, names },
  ).map(({ value: _v, tieBreak: _t, rank: _r, ...c }) => c)
  return {
    size: sorted.length,
    id: (k) => (sorted[k] as Contender).id,
    downloads: (k) => (sorted[k] as Contender).downloads,
    contender: (k) => sorted[k] as Contender,
    agencyAt: (k) => (sorted[k] as Contender).agencyId,
  }
}

const THAI = ['ขอนแก่น', 'กรุงเทพ', 'ชลบุรี', 'ตาก', 'Bangkok', 'ก']

describe('a shortlist from the entries that can be shown', () => {
  it('equals the shortlist of every standing, with reviews, per-agency limits and any prefix', () => {
    const entry = fc.record({
      downloads: fc.oneof(fc.nat(3), fc.nat(200), fc.nat(200)),
      uniqueDownloads: fc.nat(3),
      agency: fc.nat(9),
      name: fc.constantFrom(...THAI),
      // Most entries not reviewed.
      review: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 10 },
        { arbitrary: fc.constantFrom<ReviewDecision>('cleared', 'discount', 'disqualified'), weight: 1 },
      ),
      off: fc.nat(30),
    })
    let partial = 0
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 120, size: 'max' }),
        fc.nat(6),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(3),
        fc.boolean(),
        (entries, places, maxPerAgency, prefix, perAgency, everyName) => {
          const contenders: Contender[] = entries.map((e, i) => ({
            id: `d${i}`,
            agencyId: `a${e.agency}`,
            name: e.name,
            downloads: e.downloads,
            uniqueDownloads: Math.min(e.uniqueDownloads, e.downloads),
          }))
          const reviews = new Map(
            entries.flatMap((e, i) => (e.review ? [[`d${i}`, { decision: e.review }] as const] : [])),
          )
          const discounted = new Map(
            entries.flatMap((e, i) =>
              e.review === 'discount'
                ? [[`d${i}`, { downloads: e.off, uniqueDownloads: e.off >> 1 }] as const]
                : [],
            ),
          )
          const category: AwardCategory = { id: 'c', subject: 'dataset', places, maxPerAgency }
          // A catalog's name order lists every id, or not those counted but gone from the catalog.
          const listed = everyName ? contenders : contenders.filter((_, i) => i % 3 !== 0)
          const names = nameOrder(listed.map((c) => [c.id, c.name]))
          const decisions = { reviews, discounted }
          // Equals with equal names keep the order they came in: the reference takes them in counted order too.
          const order = countedOrder(contenders, names)
          const inOrder = Array.from({ length: order.size }, (_, k) => order.contender(k))
          const expected = shortlistOf(category, inOrder, decisions, perAgency, names)
          const built = new Set<number>()
          const counting = {
            ...order,
            contender: (k: number) => {
              built.add(k)
              return order.contender(k)
            },
          }
          const got = shortlistFromOrder(category, counting, decisions, perAgency, names, prefix)
          if (built.size < order.size) partial++
          expect(got.category).toEqual(expected.category)
          expect(new Map([...got.beyond].filter(([, list]) => list.length > 0))).toEqual(
            new Map([...expected.beyond].filter(([, list]) => list.length > 0)),
          )
        },
      ),
      { numRuns: 300 },
    )
    // Most runs take the short way (a short ranking, or one whose window is not full, takes everyone).
    expect(partial).toBeGreaterThan(100)
  }, 120_000)

  it('builds only the entries near the top and each agency’s first few of a long ranking', () => {
    const contenders: Contender[] = Array.from({ length: 5000 }, (_, i) => ({
      id: `d${i}`,
      agencyId: `a${i % 50}`,
      name: `d${i}`,
      downloads: 10_000 - i,
      uniqueDownloads: 5000 - (i >> 1),
    }))
    const names = nameOrder(contenders.map((c) => [c.id, c.name]))
    const order = countedOrder(contenders, names)
    let built = 0
    const counting: CountedOrder = {
      ...order,
      contender: (k) => {
        built++
        return order.contender(k)
      },
    }
    const category: AwardCategory = { id: 'c', subject: 'dataset', places: 49 }
    const decisions = { reviews: new Map(), discounted: new Map() }
    const got = shortlistFromOrder(category, counting, decisions, 5, names)
    expect(got).toEqual(shortlistOf(category, contenders, decisions, 5, names))
    // The top four windows, and five more per agency.
    expect(built).toBeLessThanOrEqual(4 * shortlistWindow(49) + 50 * 5)
  })

  it('a category ranked by unique downloads takes every contender', () => {
    const contenders: Contender[] = [
      { id: 'x', agencyId: 'a', name: 'x', downloads: 9, uniqueDownloads: 1 },
      { id: 'y', agencyId: 'a', name: 'y', downloads: 2, uniqueDownloads: 2 },
    ]
    const names = nameOrder(contenders.map((c) => [c.id, c.name]))
    const category: AwardCategory = { id: 'u', subject: 'dataset', places: 1, metric: 'uniqueDownloads' }
    const decisions = { reviews: new Map(), discounted: new Map() }
    const got = shortlistFromOrder(category, countedOrder(contenders, names), decisions, 1, names, 1)
    expect(got.category.standings.map((s) => [s.id, s.rank, s.awarded])).toEqual([
      ['y', 1, true],
      ['x', 2, false],
    ])
  })
})
