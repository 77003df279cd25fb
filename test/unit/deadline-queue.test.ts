import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DeadlineQueue } from '../../functions/util/deadline-queue.js'

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-02T03:00:00Z') })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('DeadlineQueue', () => {
  it('expires work still open when its time is up, and nothing finished', () => {
    const queue = new DeadlineQueue(100)
    const expired: string[] = []
    const a = queue.start(() => expired.push('a'))
    queue.start(() => expired.push('b'))
    queue.finish(a)
    vi.advanceTimersByTime(99)
    expect(expired).toEqual([])
    vi.advanceTimersByTime(1)
    expect(expired).toEqual(['b'])
    expect(queue.size).toBe(0)
  })

  it('expires each piece of work at its own deadline, on one timer', () => {
    const queue = new DeadlineQueue(100)
    const expired: [string, number][] = []
    const started = Date.now()
    const at = (name: string) => () => expired.push([name, Date.now() - started])
    queue.start(at('a'))
    vi.advanceTimersByTime(30)
    queue.start(at('b'))
    vi.advanceTimersByTime(40)
    queue.start(at('c'))
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(200)
    expect(expired).toEqual([
      ['a', 100],
      ['b', 130],
      ['c', 170],
    ])
  })

  it('waits for the next open deadline when the oldest work finished in time', () => {
    const queue = new DeadlineQueue(100)
    const expired: number[] = []
    const started = Date.now()
    const first = queue.start(() => expired.push(1))
    vi.advanceTimersByTime(60)
    queue.start(() => expired.push(Date.now() - started))
    queue.finish(first)
    vi.advanceTimersByTime(100)
    expect(expired).toEqual([160])
  })

  it('makes no timer per piece of work while work keeps coming', () => {
    const queue = new DeadlineQueue(1_000)
    const spy = vi.spyOn(globalThis, 'setTimeout')
    let expired = 0
    for (let i = 0; i < 5_000; i++) {
      queue.finish(queue.start(() => expired++))
      vi.advanceTimersByTime(1)
    }
    expect(expired).toBe(0)
    expect(queue.size).toBe(0)
    // One timer at the start, then one re-arm per second of traffic.
    expect(spy.mock.calls.length).toBeLessThanOrEqual(6)
    spy.mockRestore()
  })

  it('finishing twice, or after expiry, changes nothing', () => {
    const queue = new DeadlineQueue(10)
    let expired = 0
    const work = queue.start(() => expired++)
    vi.advanceTimersByTime(10)
    queue.finish(work)
    queue.finish(work)
    const next = queue.start(() => expired++)
    expect(queue.size).toBe(1)
    vi.advanceTimersByTime(10)
    expect([expired, queue.size, next.open]).toEqual([2, 0, false])
  })
})
