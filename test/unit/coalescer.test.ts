import { describe, expect, it } from 'vitest'
import { WriteCoalescer } from '../../functions/ingest/coalescer.js'

/** A write whose completion the test controls. */
function controlledWrites() {
  const calls: { items: number[]; done: () => void; fail: (e: Error) => void }[] = []
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ items, done: resolve, fail: reject })
    })
  return { calls, write }
}

describe('WriteCoalescer', () => {
  it('writes a lone item at once', async () => {
    const { calls, write } = controlledWrites()
    const coalescer = new WriteCoalescer(write, 25, 1)
    const stored = coalescer.add(1)
    expect(calls.map((c) => c.items)).toEqual([[1]])
    calls[0]?.done()
    await expect(stored).resolves.toBeUndefined()
  })

  it('groups items that arrive while a write is in flight, and settles each when its own write is done', async () => {
    const { calls, write } = controlledWrites()
    const coalescer = new WriteCoalescer(write, 3, 1)
    const settled: number[] = []
    const adds = [1, 2, 3, 4, 5].map((n) => coalescer.add(n).then(() => settled.push(n)))
    expect(calls.map((c) => c.items)).toEqual([[1]])
    calls[0]?.done()
    await adds[0]
    expect(settled).toEqual([1])
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]])
    calls[1]?.done()
    await adds[3]
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4], [5]])
    calls[2]?.done()
    await Promise.all(adds)
    expect(settled).toEqual([1, 2, 3, 4, 5])
  })

  it('rejects only the items of a failed write', async () => {
    const { calls, write } = controlledWrites()
    const coalescer = new WriteCoalescer(write, 25, 2)
    const first = coalescer.add(1)
    const second = coalescer.add(2)
    calls[0]?.fail(new Error('store down'))
    calls[1]?.done()
    await expect(first).rejects.toThrow('store down')
    await expect(second).resolves.toBeUndefined()
  })
})
