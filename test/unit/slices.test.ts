import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countDay, TOP_CLIENTS } from '../../shared/counting/count-day.js'
import {
  byAddress,
  combineSlices,
  countSlice,
  LEADERS,
  leadersExact,
  leadersOf,
  leadersTotal,
  NO_LEADERS,
  topTotal,
  updateLeaders,
} from '../../shared/counting/slices.js'
import { COUNTING_RULES_VERSIONS } from '../../shared/counting/user-agent.js'
import { dayEvents } from '../fixtures/day-events.js'

describe('a day counted as the sum of its addresses', () => {
  for (const rules of COUNTING_RULES_VERSIONS) {
    it(`gives what countDay gives for the whole day (${rules})`, () => {
      fc.assert(
        fc.property(dayEvents('', '2026-11-20'), (events) => {
          const slices = new Map([...byAddress(events)].map(([a, list]) => [a, countSlice(list, rules)]))
          expect(combineSlices(slices)).toEqual(countDay(events, rules))
        }),
        { numRuns: 300 },
      )
    })
  }

  it('counts a session the sender named once across two addresses', () => {
    const base = { resourceId: 'r', datasetId: 'd', agencyId: 'g', clientClass: 'regular' as const }
    const events = [
      { ...base, eventId: 'e1', at: 0, client: 'c1', address: 'a1', sessionId: 's' },
      { ...base, eventId: 'e2', at: 600_000, client: 'c2', address: 'a2', sessionId: 's' },
    ]
    const slices = new Map([...byAddress(events)].map(([a, list]) => [a, countSlice(list, 'counting-v1')]))
    expect(combineSlices(slices).datasets.get('d')).toMatchObject({ downloads: 2, uniqueDownloads: 1 })
  })
})

describe('the busiest addresses kept between rollups', () => {
  it('hold the exact top total whenever they say so, whatever the order of changes', () => {
    const change = fc.record({
      address: fc.integer({ min: 0, max: 14 }),
      tally: fc.integer({ min: 0, max: 9 }),
    })
    fc.assert(
      fc.property(fc.array(change, { maxLength: 80 }), (changes) => {
        const tallies = new Map<string, number>()
        let leaders = NO_LEADERS
        for (const { address, tally } of changes) {
          tallies.set(`a${address}`, tally)
          const next = updateLeaders(leaders, `a${address}`, tally)
          leaders = next.exact ? next.leaders : leadersOf(tallies)
          expect(leaders.top.length).toBeLessThanOrEqual(LEADERS)
          expect(leadersTotal(leaders)).toBe(topTotal(tallies.values()))
        }
      }),
      { numRuns: 500 },
    )
  })

  it('say they cannot be trusted when a leader falls below an address no longer listed', () => {
    const tallies = new Map(Array.from({ length: LEADERS + 1 }, (_, i) => [`a${i}`, 10 + i]))
    const full = leadersOf(tallies)
    expect(full.bound).toBe(10)
    let leaders = full
    for (let i = LEADERS; i > LEADERS - (LEADERS - TOP_CLIENTS + 1); i--) {
      leaders = updateLeaders(leaders, `a${i}`, 0).leaders
    }
    expect(leadersExact(leaders)).toBe(false)
  })
})
