import { describe, expect, it } from 'vitest'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import {
  awardMovers,
  changeOf,
  comparisonDays,
  comparisonOf,
  figureOf,
  newWarnings,
  trendMonths,
  type WarningKind,
  zeroDownloadAgencies,
} from '../../shared/overview.js'

const at = (iso: string) => Date.parse(iso)

describe('what a month is compared with', () => {
  it.each([
    ['a finished month: the whole month before', '2026-11', '2026-12-02T10:00:00+07:00', '2026-10', null],
    [
      'a month in progress: the month before up to the same day',
      '2026-12',
      '2026-12-02T10:00:00+07:00',
      '2026-11',
      '2026-11-02',
    ],
    [
      'its first minutes: the first day before',
      '2026-12',
      '2026-12-01T00:05:00+07:00',
      '2026-11',
      '2026-11-01',
    ],
    [
      '30 March against a 28-day February: all of it',
      '2027-03',
      '2027-03-30T09:00:00+07:00',
      '2027-02',
      null,
    ],
    ['29 February against January 29', '2028-02', '2028-02-29T09:00:00+07:00', '2028-01', '2028-01-29'],
    [
      'Bangkok time: 17:30 UTC on 30 Nov is 1 December',
      '2026-12',
      '2026-11-30T17:30:00Z',
      '2026-11',
      '2026-11-01',
    ],
    [
      'January against December across the year',
      '2027-01',
      '2027-01-15T12:00:00+07:00',
      '2026-12',
      '2026-12-15',
    ],
  ])('%s', (_, month, now, previous, throughDay) => {
    expect(comparisonOf(month, at(now))).toEqual({ month: previous, throughDay })
  })

  it('sums the days of a cut month, and reads a whole month as it is', () => {
    expect(comparisonDays({ month: '2026-11', throughDay: '2026-11-03' })).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
    ])
    expect(comparisonDays({ month: '2026-11', throughDay: null })).toBeNull()
  })
})

describe('national figures', () => {
  const agencies = [
    { ...ZERO_COUNTS, downloads: 10, uniqueDownloads: 7, robots: 2, doubleClicks: 1, harvesters: 3 },
    { ...ZERO_COUNTS, downloads: 0, robots: 4 },
    { ...ZERO_COUNTS, downloads: 5, uniqueDownloads: 5 },
  ]
  it.each([
    ['downloads', 15],
    ['uniqueDownloads', 12],
    ['activeAgencies', 2],
    ['leftOut', 10],
  ] as const)('%s is %i', (name, value) => {
    expect(figureOf(name, agencies)).toBe(value)
  })

  it.each([
    [120, 100, { delta: 20, percent: 20 }],
    [50, 200, { delta: -150, percent: -75 }],
    [7, 3, { delta: 4, percent: 133.3 }],
    [5, 0, { delta: 5, percent: null }],
    [0, 0, { delta: 0, percent: null }],
    [5, null, null],
  ])('%i against %s changes by %j', (value, previous, change) => {
    expect(changeOf(value, previous)).toEqual(change)
  })

  it('trends over the 12 months ending with the month, across a calendar year', () => {
    expect(trendMonths('2026-03')).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ])
  })
})

describe('movers into and out of award places', () => {
  const s = (id: string, rank: number, awarded: boolean) => ({
    id,
    agencyId: id,
    rank,
    downloads: 100 - rank,
    awarded,
  })
  it.each([
    {
      name: 'a swap at the cut-off',
      before: [s('a', 1, true), s('b', 2, true), s('c', 3, false)],
      now: [s('a', 1, true), s('c', 2, true), s('b', 3, false)],
      into: ['c'],
      outOf: ['b'],
    },
    {
      name: 'no change of places though ranks moved',
      before: [s('a', 1, true), s('b', 2, true), s('c', 3, false)],
      now: [s('b', 1, true), s('a', 2, true), s('c', 3, false)],
      into: [],
      outOf: [],
    },
    {
      name: 'a newcomer absent before, and one gone from the shortlist',
      before: [s('a', 1, true), s('b', 2, true)],
      now: [s('n', 1, true), s('a', 2, true)],
      into: ['n'],
      outOf: ['b'],
    },
    {
      name: 'a tie at the cut-off adds a place without anyone leaving',
      before: [s('a', 1, true), s('b', 2, true), s('c', 3, false)],
      now: [s('a', 1, true), s('b', 2, true), s('c', 2, true)],
      into: ['c'],
      outOf: [],
    },
    { name: 'nothing earlier', before: [], now: [s('a', 1, true)], into: ['a'], outOf: [] },
  ])('$name', ({ before, now, into, outOf }) => {
    const moved = awardMovers(now, before)
    expect(moved.into.map((m) => m.now.id)).toEqual(into)
    expect(moved.outOf.map((m) => m.before.id)).toEqual(outOf)
  })

  it('keeps both standings of a mover', () => {
    const moved = awardMovers([s('b', 3, false)], [s('b', 2, true)])
    expect(moved.outOf[0]).toEqual({ now: s('b', 3, false), before: s('b', 2, true) })
  })
})

describe('new integrity warnings', () => {
  const m = (entries: [string, WarningKind[]][]) => new Map(entries)
  it.each([
    ['a first warning', m([['a', ['spike']]]), m([]), [{ agencyId: 'a', kinds: ['spike'] }]],
    ['the same warning again is not new', m([['a', ['spike']]]), m([['a', ['spike']]]), []],
    [
      'a second kind beside an old one',
      m([['a', ['spike', 'concentration']]]),
      m([['a', ['spike']]]),
      [{ agencyId: 'a', kinds: ['concentration'] }],
    ],
    ['a warning that ended is not listed', m([]), m([['a', ['concentration']]]), []],
    [
      'kinds in a fixed order, agencies in the given order',
      m([
        ['b', ['spike', 'concentration']],
        ['a', ['spike']],
      ]),
      m([]),
      [
        { agencyId: 'b', kinds: ['concentration', 'spike'] },
        { agencyId: 'a', kinds: ['spike'] },
      ],
    ],
  ])('%s', (_, current, previous, expected) => {
    expect(newWarnings(current, previous)).toEqual(expected)
  })
})

describe('agencies with zero downloads', () => {
  const a = (th: string, downloads: number, fyDownloads: number) => ({
    name: { th, en: th },
    downloads,
    fyDownloads,
  })
  it('lists those silent all year first, then by the year so far, then by Thai name', () => {
    const list = [a('ข', 0, 5), a('ก', 0, 5), a('ค', 3, 0), a('ง', 0, 0), a('จ', 0, 1)]
    expect(zeroDownloadAgencies(list).map((x) => x.name.th)).toEqual(['ง', 'จ', 'ก', 'ข'])
  })
})
