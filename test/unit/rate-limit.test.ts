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

  it('forgets the longest idle client first, so a flood of clients takes bounded memory', () => {
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 0.001, maxClients: 2 })
    buckets.take('a', 0)
    buckets.take('b', 1)
    buckets.take('a', 2) // a is now the most recently seen
    buckets.take('c', 3) // evicts b
    expect(buckets.clients).toBe(2)
    expect(buckets.take('b', 4).allowed).toBe(true)
    expect(buckets.take('c', 5).allowed).toBe(false)
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
