import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { perMinute, TokenBuckets } from '../../functions/auth/rate-limit.js'

describe('TokenBuckets', () => {
  it('allows a burst of the capacity, then refuses with the seconds until a token is back', () => {
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 0.5 })
    const results = [0, 0, 0, 0].map(() => buckets.take('a', 1_000))
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false])
    expect(results[3]).toEqual({ allowed: false, retryAfterSeconds: 2 })
  })

  it.each([
    // [ms after the burst, allowed]
    [1_999, false],
    [2_000, true],
  ])('refills one token in 2 s at 0.5/s: %i ms later → %s', (after, allowed) => {
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 0.5 })
    buckets.take('a', 0)
    expect(buckets.take('a', after).allowed).toBe(allowed)
  })

  it('keeps a budget per client', () => {
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 1 })
    expect(buckets.take('a', 0).allowed).toBe(true)
    expect(buckets.take('a', 0).allowed).toBe(false)
    expect(buckets.take('b', 0).allowed).toBe(true)
  })

  it('forgets the longest idle client whose budget is whole again, so a flood of clients takes bounded memory', () => {
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 1, maxClients: 2 })
    buckets.take('a', 0)
    buckets.take('b', 500)
    buckets.take('c', 1_000) // a has refilled: forgetting it changes nothing
    expect(buckets.clients).toBe(2)
    for (let i = 0; i < 10_000; i++) buckets.take(`flood-${i}`, 2_000 + i)
    expect(buckets.clients).toBe(2)
  })

  it('never frees a client over its limit when a flood of new keys fills the table', () => {
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 3 / 60, maxClients: 100 })
    for (let i = 0; i < 3; i++) expect(buckets.take('greedy', i).allowed).toBe(true)
    expect(buckets.take('greedy', 3).allowed).toBe(false)
    for (let i = 0; i < 10_000; i++) buckets.take(`random-key-${i}`, 10 + i / 1000)
    expect(buckets.clients).toBeLessThanOrEqual(100)
    expect(buckets.take('greedy', 30).allowed).toBe(false)
  })

  it('makes a newcomer wait when every remembered client is over its limit', () => {
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 0.001, maxClients: 2 })
    buckets.take('a', 0)
    buckets.take('b', 1)
    expect(buckets.take('c', 2)).toMatchObject({ allowed: false })
    expect(buckets.take('a', 3).allowed).toBe(false) // still limited: not forgotten for c
    expect(buckets.clients).toBe(2)
  })

  it('never allows more than the capacity plus what the elapsed time refills', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 600 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 }),
        (capacity, perMinute_, gaps) => {
          const budget = perMinute(perMinute_)
          const buckets = new TokenBuckets({ ...budget, capacity })
          let now = 0
          let allowed = 0
          for (const gap of gaps) {
            now += gap
            if (buckets.take('client', now).allowed) allowed++
          }
          expect(allowed).toBeLessThanOrEqual(
            capacity + Math.floor((now / 1000) * budget.refillPerSecond) + 1e-9,
          )
        },
      ),
      { numRuns: 200 },
    )
  })
})
