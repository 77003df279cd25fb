import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Counts, ZERO_COUNTS } from '../../shared/counting/count-day.js'
import {
  type CountsById,
  countChanges,
  countsDifference,
  downloadsIn,
  downloadsWithout,
  patchCountedOrder,
  rankCounts,
  rankWithChange,
  sumCounts,
  totalOf,
  withRankChanges,
} from '../../shared/counting/period-counts.js'
import { nameOrder, rankCompetition } from '../../shared/ranking.js'

type Row = Record<string, number>

/** Counts with only downloads (and unique downloads) set, and optionally the dataset's agency. */
const c = (downloads: number, uniqueDownloads = downloads, agencyId?: string) => ({
  ...ZERO_COUNTS,
  downloads,
  uniqueDownloads,
  ...(agencyId ? { agencyId } : {}),
})
const byId = (entries: Record<string, ReturnType<typeof c>>): CountsById => new Map(Object.entries(entries))
const downloadsOf = (counts: CountsById) =>
  Object.fromEntries([...counts].map(([id, x]) => [id, x.downloads]))

describe('summing periods (a month from its days, a fiscal year from its months)', () => {
  it.each([
    { name: 'no periods', periods: [], sum: {} },
    { name: 'one period', periods: [{ a: 3 }], sum: { a: 3 } },
    { name: 'ids in some periods only', periods: [{ a: 3 }, { b: 2 }, { a: 1, b: 1 }], sum: { a: 4, b: 3 } },
    { name: 'negative differences', periods: [{ a: 5 }, { a: -2 }], sum: { a: 3 } },
  ])('$name', ({ periods, sum }) => {
    const counts = periods.map((p) =>
      byId(Object.fromEntries(Object.entries(p).map(([id, n]) => [id, c(n)]))),
    )
    expect(downloadsOf(sumCounts(counts))).toEqual(sum)
  })

  it('keeps a dataset agency from whichever period has it', () => {
    const sum = sumCounts([byId({ d: c(1, 1, 'agency-1') }), byId({ d: c(2) })])
    expect(sum.get('d')).toMatchObject({ downloads: 3, agencyId: 'agency-1' })
  })

  it('adds every field, not only downloads', () => {
    const full: Counts = {
      downloads: 1,
      uniqueDownloads: 2,
      machineDownloads: 3,
      robots: 4,
      doubleClicks: 5,
      harvesters: 7,
      topClientDownloads: 6,
    }
    expect(sumCounts([new Map([['x', full]]), new Map([['x', full]])]).get('x')).toEqual({
      downloads: 2,
      uniqueDownloads: 4,
      machineDownloads: 6,
      robots: 8,
      doubleClicks: 10,
      harvesters: 14,
      topClientDownloads: 12,
    })
  })
})

describe("a standing's downloads without its latest period", () => {
  const asCounts = (r: Record<string, number>) =>
    byId(Object.fromEntries(Object.entries(r).map(([id, n]) => [id, c(n, n - 1)])))
  const table: {
    name: string
    total: Record<string, number>
    part: Record<string, number>
    left: Record<string, number>
  }[] = [
    {
      name: 'subtracts where the part has the id',
      total: { a: 10, b: 4 },
      part: { a: 3 },
      left: { a: 7, b: 4 },
    },
    { name: 'an id only in the part had none', total: { a: 10 }, part: { z: 5 }, left: { a: 10, z: 0 } },
    { name: 'reaches zero', total: { a: 3 }, part: { a: 3 }, left: { a: 0 } },
    { name: 'an id in neither has none', total: {}, part: {}, left: { q: 0 } },
  ]
  it.each(table)('$name', ({ total, part, left }) => {
    const without = downloadsWithout(asCounts(part))
    const whole = asCounts(total)
    expect(
      Object.fromEntries(Object.keys(left).map((id) => [id, without(id, whole.get(id) ?? ZERO_COUNTS)])),
    ).toEqual(left)
  })
})

describe('what a recount changed (the rollup moves months and fiscal years by it)', () => {
  it.each([
    { name: 'nothing changed', prev: { a: 2 }, next: { a: 2 }, changes: {} },
    { name: 'more downloads', prev: { a: 2 }, next: { a: 5 }, changes: { a: 3 } },
    { name: 'a new id', prev: {}, next: { b: 1 }, changes: { b: 1 } },
    { name: 'an id whose events are gone', prev: { a: 4 }, next: {}, changes: { a: -4 } },
    { name: 'mixed', prev: { a: 1, b: 1 }, next: { a: 1, c: 2 }, changes: { b: -1, c: 2 } },
  ])('$name', ({ prev, next, changes }) => {
    const asCounts = (r: Record<string, number>) =>
      byId(Object.fromEntries(Object.entries(r).map(([id, n]) => [id, c(n, n, `agency-of-${id}`)])))
    const result = countChanges(asCounts(next as Row), asCounts(prev as Row))
    expect(downloadsOf(result)).toEqual(changes)
    for (const [id, x] of result) expect(x.agencyId).toBe(`agency-of-${id}`)
  })

  it('a difference is field by field, and an absent side counts as zero', () => {
    expect(countsDifference(c(5, 3), c(2, 2))).toEqual({ ...ZERO_COUNTS, downloads: 3, uniqueDownloads: 1 })
    expect(countsDifference(undefined, c(2, 1))).toEqual({
      ...ZERO_COUNTS,
      downloads: -2,
      uniqueDownloads: -1,
    })
  })
})

describe('ranking with rank change', () => {
  // Unique downloads order equals: `a` has as many as its downloads, every other id one fewer.
  const asCounts = (r: Record<string, number>) =>
    byId(Object.fromEntries(Object.entries(r).map(([id, n]) => [id, c(n, id === 'a' ? n : n - 1)])))
  it.each([
    {
      name: 'moves up and down',
      ids: ['a', 'b', 'c'],
      current: { a: 5, b: 9, c: 1 },
      previous: { a: 9, b: 5, c: 1 },
      expected: [
        ['b', 1, 1],
        ['a', 2, -1],
        ['c', 3, 0],
      ],
    },
    {
      name: 'ties share a rank, ordered by unique downloads',
      ids: ['a', 'b', 'c'],
      current: { a: 4, b: 4, c: 2 },
      previous: { a: 1, b: 3, c: 2 },
      expected: [
        ['a', 1, 2],
        ['b', 1, 0],
        ['c', 3, -1],
      ],
    },
    {
      name: 'ids without counts rank with zero, and a tie at zero has no change, now or then',
      ids: ['a', 'z'],
      current: { a: 3 },
      previous: {},
      expected: [
        ['a', 1, null],
        ['z', 2, null],
      ],
    },
    {
      name: 'an entry that had no downloads then has no change; one that has none now has none either',
      ids: ['a', 'b', 'c', 'd'],
      current: { a: 5, b: 4 },
      previous: { a: 2, b: 0, c: 7, d: 0 },
      expected: [
        ['a', 1, 1],
        ['b', 2, null],
        ['c', 3, null],
        ['d', 3, null],
      ],
    },
    {
      name: 'without a comparable earlier standing, no entry has a change',
      ids: ['a', 'b'],
      current: { a: 5, b: 4 },
      previous: undefined,
      expected: [
        ['a', 1, null],
        ['b', 2, null],
      ],
    },
    { name: 'no ids', ids: [], current: { a: 3 }, previous: {}, expected: [] },
  ])('$name', ({ ids, current, previous, expected }) => {
    const before = previous === undefined ? undefined : asCounts(previous as Row)
    const ranked = rankWithChange(ids, asCounts(current as Row), before && downloadsIn(before), (id) => id)
    expect(ranked.map((r) => [r.id, r.rank, r.rankChange])).toEqual(expected)
  })
})

it('ranks as competition ranking does, ties ordered by unique downloads then Thai name, with the change', () => {
  const names = ['ขอนแก่น', 'กรุงเทพ', 'ชลบุรี', 'ตาก', 'Bangkok', 'ก']
  const period = fc.dictionary(
    fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
    fc.record({ downloads: fc.nat(3), unique: fc.nat(2) }),
  )
  fc.assert(
    fc.property(period, fc.option(period, { nil: undefined }), fc.nat(7), (now, then, listedCount) => {
      const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
      const name = (id: string) => names[id.charCodeAt(0) % names.length] as string
      const asMap = (p: typeof now) =>
        new Map(Object.entries(p).map(([id, x]) => [id, c(x.downloads, x.unique)]))
      const reference = (counts: CountsById) =>
        rankCompetition(
          ids.map((id) => {
            const x = counts.get(id) ?? ZERO_COUNTS
            return {
              id,
              downloads: x.downloads,
              value: x.downloads,
              tieBreak: x.uniqueDownloads,
              name: name(id),
            }
          }),
        )
      const before = then && new Map(reference(asMap(then)).map((r) => [r.id, r]))
      const expected = reference(asMap(now)).map((r) => {
        const b = before?.get(r.id)
        return [r.id, r.rank, b && r.downloads > 0 && b.downloads > 0 ? b.rank - r.rank : null]
      })
      const ranked = rankWithChange(ids, asMap(now), then && downloadsIn(asMap(then)), name)
      expect(ranked.map((r) => [r.id, r.rank, r.rankChange])).toEqual(expected)
      // The counted order alone (what award standings read): the same order and ranks, no change; the changes
      // added to it after, leaving the order (cached, shared) as it was.
      const counted = rankCounts(ids, asMap(now), name)
      expect(counted.map((r) => [r.id, r.rank, r.rankChange])).toEqual(
        expected.map(([id, rank]) => [id, rank, null]),
      )
      const changed = withRankChanges(counted, then && downloadsIn(asMap(then)))
      expect(changed.map((r) => [r.id, r.rank, r.rankChange])).toEqual(expected)
      expect(counted.every((r) => r.rankChange === null)).toBe(true)
      // The same with the names' order built beforehand (a catalog's), whether it lists every id or some.
      for (const listed of [ids, ids.slice(0, listedCount), []]) {
        const order = nameOrder(listed.map((id) => [id, name(id)]))
        const withOrder = rankWithChange(ids, asMap(now), then && downloadsIn(asMap(then)), name, order)
        expect(withOrder.map((r) => [r.id, r.rank, r.rankChange])).toEqual(expected)
      }
    }),
  )
})

describe('a counted order brought up to new counts (what a rollup changed, not the whole period sorted again)', () => {
  const names = ['ขอนแก่น', 'กรุงเทพ', 'ชลบุรี', 'ตาก', 'Bangkok', 'ก', 'ขอนแก่น']
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'x', 'y', 'z']
  // a–h are the catalog's (some inactive), x–z only have counts (a dataset no longer listed).
  const catalogIds = ids.slice(0, 8)
  const name = (id: string) => names[id.charCodeAt(0) % names.length] as string
  const counts = fc.dictionary(
    fc.constantFrom(...ids),
    fc.record({ downloads: fc.nat(3), unique: fc.nat(2) }),
  )
  const asMap = (p: Record<string, { downloads: number; unique: number }>): CountsById =>
    new Map(Object.entries(p).map(([id, x]) => [id, c(x.downloads, x.unique)]))
  const names_ = nameOrder(catalogIds.map((id) => [id, name(id)]))
  /** What `rankCounts` ranks: the active catalog entries, then every other id with counts. */
  const rankedIds = (active: Set<string>, current: CountsById) => [
    ...catalogIds.filter((id) => active.has(id)),
    ...[...current.keys()].filter((id) => !active.has(id)),
  ]
  const view = (order: readonly { id: string; rank: number; counts: Counts }[]) =>
    order.map((r) => [r.id, r.rank, r.counts.downloads, r.counts.uniqueDownloads])

  it('equals ranking the new counts whole, or declines when a changed id is outside the names', () => {
    fc.assert(
      fc.property(
        counts,
        counts,
        fc.subarray(catalogIds),
        fc.subarray(ids),
        (then, changes, inactive, changedIds) => {
          const active = new Set(catalogIds.filter((id) => !inactive.includes(id)))
          const before = asMap(then)
          // The changed ids take their new counts (or lose theirs); every other id keeps its own.
          const now = new Map(before)
          for (const id of changedIds) {
            const x = changes[id]
            if (x) now.set(id, c(x.downloads, x.unique))
            else now.delete(id)
          }
          const held = rankCounts(rankedIds(active, before), before, name, names_)
          const heldView = view(held)
          const patched = patchCountedOrder(held, changedIds, now, (id) => active.has(id), name, names_)
          const whole = rankCounts(rankedIds(active, now), now, name, names_)
          const unlisted = changedIds.some(
            (id) => !catalogIds.includes(id) && (now.has(id) || active.has(id)),
          )
          if (unlisted) expect(patched).toBeUndefined()
          else expect(view(patched ?? [])).toEqual(view(whole))
          // The order held (cached, shared) is left as it was.
          expect(view(held)).toEqual(heldView)
          // Entries the caller owns (just built, their ranks not yet given) are ranked in place, to the same end.
          const owned = held.map((r) => ({ ...r, rank: 0 }))
          const inPlace = patchCountedOrder(owned, changedIds, now, (id) => active.has(id), name, names_, {
            owned: true,
          })
          expect(inPlace && view(inPlace)).toEqual(patched && view(patched))
        },
      ),
    )
  })

  type Case = {
    name: string
    before: Record<string, ReturnType<typeof c>>
    changed: Record<string, ReturnType<typeof c> | undefined>
    order: string[]
  }
  it.each<Case>([
    {
      name: 'a dataset that gained downloads moves up past those it now has more than',
      before: { a: c(5), b: c(3), c: c(1) },
      changed: { c: c(4) },
      order: ['a', 'c', 'b'],
    },
    {
      name: 'one that lost every count stays ranked at the bottom while its entry is active',
      before: { a: c(5), b: c(3) },
      changed: { a: undefined },
      order: ['b', 'a', 'c'],
    },
    {
      name: 'a new one among equals is placed by its name',
      before: { a: c(2), c: c(2) },
      changed: { b: c(2) },
      order: ['a', 'b', 'c'],
    },
  ])('$name', ({ before, changed, order }) => {
    const name = (id: string) => id
    const names = nameOrder(['a', 'b', 'c'].map((id) => [id, id]))
    const held = rankCounts(['a', 'b', 'c'], byId(before), name, names)
    const now = new Map(byId(before))
    for (const [id, x] of Object.entries(changed)) {
      if (x) now.set(id, x)
      else now.delete(id)
    }
    const patched = patchCountedOrder(held, Object.keys(changed), now, () => true, name, names)
    expect(patched?.map((r) => r.id)).toEqual(order)
  })
})

it('totals one field over every id', () => {
  expect(totalOf(byId({ a: c(3, 1), b: c(4, 2) }))).toBe(7)
  expect(totalOf(byId({ a: c(3, 1), b: c(4, 2) }), 'uniqueDownloads')).toBe(3)
  expect(totalOf(new Map())).toBe(0)
})
