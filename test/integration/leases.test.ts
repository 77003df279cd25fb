import { describe, expect, it } from 'vitest'
import { acquireLease, keepLease, releaseLease } from '../../functions/store/leases.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('leases', () => {
  it('are kept while renewed, and taken over soon after their holder stops renewing (dies)', async () => {
    expect(await acquireLease('job', 'first', 1000)).toBe(true)
    const stop = keepLease('job', 'first', 1000)
    await sleep(2500) // more than twice the lease: only renewals keep it
    expect(await acquireLease('job', 'second', 1000)).toBe(false)
    stop() // as if the process were killed: nothing renews or releases it
    await sleep(1200)
    expect(await acquireLease('job', 'second', 1000)).toBe(true)
    await releaseLease('job', 'second')
  })
})
