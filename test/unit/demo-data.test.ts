import { describe, expect, it } from 'vitest'
import { buildDemoCatalog } from '../../functions/demo/catalog.js'
import agencyList from '../../functions/demo/thai-agencies.json' with { type: 'json' }
import {
  buildTrafficModel,
  demoDays,
  demoEventsOfDay,
  SPIKE_AGENCY,
  spikeDays,
} from '../../functions/demo/traffic.js'
import { classifyUserAgent } from '../../shared/counting/user-agent.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const catalog = buildDemoCatalog()
const model = buildTrafficModel(catalog)
const NOW = Date.parse('2026-11-27T05:00:00Z') // noon in Bangkok, a Friday
const days = demoDays(NOW)
const byDay = new Map(days.map((d, i) => [d, demoEventsOfDay(model, d, NOW, 1 - i / days.length)]))
const all = [...byDay.values()].flat()
const agencyOf = new Map(catalog.resources.map((r) => [r.resourceId, r.agencyId]))

describe('the demo catalog', () => {
  it('has every listed agency, 77 provincial offices and Bangkok Metropolitan Administration', () => {
    expect(catalog.agencies).toHaveLength(agencyList.agencies.length + 77 + 1)
    const slugs = new Set(catalog.agencies.map((a) => a.slug))
    for (const a of agencyList.agencies) expect(slugs.has(a.id)).toBe(true)
    const provincial = catalog.agencies.filter((a) => a.group === 'provincial')
    expect(provincial).toHaveLength(77)
    expect(provincial.every((a) => a.parentId === 'moi')).toBe(true)
    expect(catalog.agencies.find((a) => a.slug === 'bma')).toMatchObject({
      name: { th: 'กรุงเทพมหานคร' },
      group: 'local-government',
    })
  })

  it('has about 2,000 datasets with Thai titles, each with resources that have a URL and a format', () => {
    expect(catalog.datasets.length).toBeGreaterThan(1900)
    expect(catalog.datasets.length).toBeLessThan(2100)
    expect(catalog.datasets.every((d) => /[\u0E00-\u0E7F]/.test(d.title.th) && d.title.en)).toBe(true)
    expect(catalog.datasets.every((d) => d.resourceIds.length >= 1)).toBe(true)
    expect(catalog.resources.every((r) => r.url.startsWith('https://') && /^[A-Z]+$/.test(r.format))).toBe(
      true,
    )
    // Titles are unique within an agency, as a portal would have them.
    const keys = catalog.datasets.map((d) => `${d.agencyId}|${d.title.th}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('uses stable UUID-shaped ids, the same on every build', () => {
    const ids = [
      ...catalog.agencies.map((a) => a.agencyId),
      ...catalog.datasets.map((d) => d.datasetId),
      ...catalog.resources.map((r) => r.resourceId),
    ]
    expect(ids.every((id) => UUID.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    expect(buildDemoCatalog()).toEqual(catalog)
  })
})

describe('the demo traffic', () => {
  it('covers 13 months ending today, newest day first, nothing in the future', () => {
    expect(days[0]).toBe('2026-11-27')
    expect(days.at(-1)).toBe('2025-11-01')
    expect(new Set(days.map((d) => d.slice(0, 7))).size).toBe(13)
    expect(Math.max(...all.map((e) => Date.parse(e.occurredAt as string)))).toBeLessThan(NOW)
  })

  it('has on the order of 100,000 events and is deterministic', () => {
    expect(all.length).toBeGreaterThan(90_000)
    expect(all.length).toBeLessThan(200_000)
    expect(demoEventsOfDay(model, '2026-03-10', NOW)).toEqual(demoEventsOfDay(model, '2026-03-10', NOW))
  })

  it('is busier on weekdays than at weekends, and busiest in September', () => {
    const perDay = (filter: (d: string) => boolean) => {
      const chosen = days.slice(1).filter(filter)
      return chosen.reduce((s, d) => s + (byDay.get(d)?.length ?? 0), 0) / chosen.length
    }
    const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay()
    const spike = spikeDays(NOW)
    const ordinary = (d: string) => !spike.has(d)
    expect(perDay((d) => ordinary(d) && weekday(d) >= 2 && weekday(d) <= 4)).toBeGreaterThan(
      1.6 * perDay((d) => weekday(d) === 0 || weekday(d) === 6),
    )
    expect(perDay((d) => d.slice(5, 7) === '09')).toBeGreaterThan(1.3 * perDay(ordinary))
  })

  it('gives most downloads to a few datasets', () => {
    const counts = new Map<string, number>()
    for (const e of all) counts.set(e.resourceId, (counts.get(e.resourceId) ?? 0) + 1)
    const sorted = [...counts.values()].sort((a, b) => b - a)
    const top = sorted.slice(0, Math.ceil(catalog.resources.length * 0.05)).reduce((a, b) => a + b, 0)
    expect(top / all.length).toBeGreaterThan(0.5)
  })

  it('has robots, machine clients and double clicks in believable shares', () => {
    const classes = { robot: 0, machine: 0, regular: 0 }
    for (const e of all) classes[classifyUserAgent(e.userAgent ?? '')]++
    expect(classes.robot / all.length).toBeGreaterThan(0.04)
    expect(classes.robot / all.length).toBeLessThan(0.1)
    expect(classes.machine / all.length).toBeGreaterThan(0.08)
    expect(classes.machine / all.length).toBeLessThan(0.16)
    const last = new Map<string, number>()
    let repeats = 0
    for (const e of [...all].sort(
      (a, b) => Date.parse(a.occurredAt as string) - Date.parse(b.occurredAt as string),
    )) {
      const key = `${e.clientIp}|${e.userAgent}|${e.resourceId}`
      const at = Date.parse(e.occurredAt as string)
      if (at - (last.get(key) ?? Number.NEGATIVE_INFINITY) <= 30_000) repeats++
      last.set(key, at)
    }
    expect(repeats / all.length).toBeGreaterThan(0.03)
    // (Classifying every demo user agent takes seconds on a busy machine.)
  }, 60_000)

  it('has one agency with a suspicious spike: hundreds of downloads a day from three clients', () => {
    const spikeAgency = catalog.agencies.find((a) => a.slug === SPIKE_AGENCY)?.agencyId
    for (const day of spikeDays(NOW)) {
      const events = (byDay.get(day) ?? []).filter((e) => agencyOf.get(e.resourceId) === spikeAgency)
      expect(events.length).toBeGreaterThan(600)
      const clients = new Map<string, number>()
      for (const e of events) clients.set(e.clientIp as string, (clients.get(e.clientIp as string) ?? 0) + 1)
      const topThree = [...clients.values()].sort((a, b) => b - a).slice(0, 3)
      expect(topThree.reduce((a, b) => a + b, 0) / events.length).toBeGreaterThan(0.9)
    }
  })
})
