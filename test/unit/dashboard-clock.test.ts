import { afterEach, describe, expect, it, vi } from 'vitest'

/** A tab's sessionStorage: what the dashboard's clock keeps between loads of the page. */
function tabStorage(entries: Record<string, string> = {}) {
  const items = new Map(Object.entries(entries))
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  }
}

/** The dashboard's clock module as a fresh page load reads it, in a tab holding `storage`. */
async function loadClock(storage: ReturnType<typeof tabStorage>) {
  vi.resetModules()
  vi.stubGlobal('sessionStorage', storage)
  return import('../../web/src/state/clock.js')
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const DAY = 86_400_000

describe("the dashboard's clock (the server's)", () => {
  it('is real time in a new tab, before the server has said its time', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-03T08:00:00Z'), toFake: ['Date'] })
    const clock = await loadClock(tabStorage())
    expect(clock.now()).toBe(Date.parse('2026-12-03T08:00:00Z'))
  })

  it("follows the server's time once it has said it, and keeps it for the tab's next load", async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-03T08:00:00Z'), toFake: ['Date'] })
    const storage = tabStorage()
    const clock = await loadClock(storage)
    clock.followServerClock(Date.parse('2026-10-01T00:00:00Z'))
    expect(clock.now()).toBe(Date.parse('2026-10-01T00:00:00Z'))
    vi.advanceTimersByTime(60_000)
    // A reload: before the server answers again, the page already runs on the server's clock.
    const reloaded = await loadClock(storage)
    expect(reloaded.now()).toBe(Date.parse('2026-10-01T00:01:00Z'))
  })

  it('ignores a kept offset that is not a number, and an instant that is not one', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-03T08:00:00Z'), toFake: ['Date'] })
    const clock = await loadClock(tabStorage({ serverClockOffset: 'soon' }))
    expect(clock.now()).toBe(Date.parse('2026-12-03T08:00:00Z'))
    clock.followServerClock(Number.NaN)
    expect(clock.now()).toBe(Date.parse('2026-12-03T08:00:00Z'))
    const kept = await loadClock(tabStorage({ serverClockOffset: String(-DAY) }))
    expect(kept.now()).toBe(Date.parse('2026-12-02T08:00:00Z'))
  })

  it('says whether the tab kept the server clock from an earlier load (the page may then render at once)', async () => {
    expect((await loadClock(tabStorage())).clockKept).toBe(false)
    expect((await loadClock(tabStorage({ serverClockOffset: 'soon' }))).clockKept).toBe(false)
    expect((await loadClock(tabStorage({ serverClockOffset: '' }))).clockKept).toBe(false)
    expect((await loadClock(tabStorage({ serverClockOffset: '0' }))).clockKept).toBe(true)
    expect((await loadClock(tabStorage({ serverClockOffset: String(-DAY) }))).clockKept).toBe(true)
  })
})
