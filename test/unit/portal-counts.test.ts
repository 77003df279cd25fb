import { describe, expect, it } from 'vitest'
import {
  addCounts,
  type CountableEvent,
  type Counts,
  combinePortals,
  countDay,
  portalBreakdown,
  ZERO_COUNTS,
} from '../../shared/counting/count-day.js'
import { countsDifference } from '../../shared/counting/period-counts.js'
import { byAddress, combineSlices, countSlice } from '../../shared/counting/slices.js'

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36'
const at = Date.parse('2026-11-10T03:00:00Z')
const event = (i: number, over: Partial<CountableEvent> = {}): CountableEvent => ({
  eventId: `e${i}`,
  resourceId: 'r1',
  datasetId: 'd1',
  agencyId: 'a1',
  at: at + i * 60_000,
  client: `c${i % 3}`,
  clientClass: 'regular',
  userAgent: BROWSER,
  ...over,
})

describe('downloads by portal', () => {
  it.each<[string, Counts['byPortal'], Counts['byPortal'], 1 | -1, Counts['byPortal']]>([
    ['nothing and nothing', undefined, undefined, 1, undefined],
    ['adds portal by portal', { opdc: 2 }, { opdc: 1, tgo: 4 }, 1, { opdc: 3, tgo: 4 }],
    ['subtracts, leaving out portals that come to zero', { opdc: 2, tgo: 1 }, { opdc: 2 }, -1, { tgo: 1 }],
    ['subtracting everything leaves nothing', { opdc: 2 }, { opdc: 2 }, -1, undefined],
  ])('%s', (_, a, b, sign, expected) => {
    expect(combinePortals(a, b, sign)).toEqual(expected)
  })

  it.each<[string, Counts, Record<string, number>]>([
    ['all from the default portal', { ...ZERO_COUNTS, downloads: 5 }, { national: 5 }],
    [
      'some from another portal',
      { ...ZERO_COUNTS, downloads: 5, byPortal: { opdc: 2 } },
      { national: 3, opdc: 2 },
    ],
    ['none from the default portal', { ...ZERO_COUNTS, downloads: 2, byPortal: { opdc: 2 } }, { opdc: 2 }],
    ['no downloads', { ...ZERO_COUNTS }, {}],
  ])('breaks down %s', (_, counts, expected) => {
    expect(portalBreakdown(counts, 'national')).toEqual(expected)
  })

  it('counts only counted downloads by portal: a double click and a robot from a portal are not', () => {
    const events = [
      event(1, { portal: 'opdc' }),
      event(1.1, { eventId: 'dup', client: 'c1', portal: 'opdc' }), // 6 s after e1, same client: a double click
      event(2, { portal: 'opdc', clientClass: 'robot', userAgent: 'Googlebot/2.1' }),
      event(3),
    ]
    const { datasets, agencies } = countDay(events)
    expect(datasets.get('d1')).toMatchObject({
      downloads: 2,
      doubleClicks: 1,
      robots: 1,
      byPortal: { opdc: 1 },
    })
    expect(agencies.get('a1')?.byPortal).toEqual({ opdc: 1 })
  })

  it('leaves byPortal out when every download came from the default portal', () => {
    expect(countDay([event(1), event(2)]).datasets.get('d1')).not.toHaveProperty('byPortal')
  })

  it('gives the same breakdown counted whole or by address slices', () => {
    const events = Array.from({ length: 30 }, (_, i) =>
      event(i, i % 4 === 0 ? { portal: i % 8 ? 'opdc' : 'tgo' } : {}),
    )
    const slices = new Map([...byAddress(events)].map(([a, list]) => [a, countSlice(list, 'counting-v1')]))
    const whole = countDay(events)
    const sliced = combineSlices(slices)
    expect(sliced.datasets.get('d1')?.byPortal).toEqual(whole.datasets.get('d1')?.byPortal)
    expect(sliced.agencies.get('a1')?.byPortal).toEqual(whole.agencies.get('a1')?.byPortal)
  })

  it('moves by differences: a difference added back gives the next counts', () => {
    const prev: Counts = { ...ZERO_COUNTS, downloads: 3, byPortal: { opdc: 1 } }
    const next: Counts = { ...ZERO_COUNTS, downloads: 5, byPortal: { opdc: 2, tgo: 1 } }
    expect(addCounts(prev, countsDifference(next, prev))).toEqual(next)
  })
})
