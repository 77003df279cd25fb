import { addDays, addMonths, bangkokDay, bangkokMonth, type Day, dayStart } from '../../shared/time.js'
import type { IncomingEvent } from '../ingest/record.js'
import type { DemoCatalog } from './catalog.js'
import { BROWSER_UAS, MACHINE_UAS, ROBOT_UAS } from './clients.js'
import { demoId, seededRandom } from './ids.js'

/** Average downloads of a weekday before seasonal factors; about 115,000 events over 13 months. */
export const BASE_DAILY_DOWNLOADS = 300

/** Agencies whose data the public uses most (national statistics, weather, registration, disease, traffic). */
const POPULAR: Record<string, number> = {
  nso: 5,
  tmd: 5,
  dopa: 4,
  ddc: 4,
  dlt: 3,
  oae: 3,
  pcd: 3,
  bb: 2,
  dit: 2,
  rd: 2,
  bma: 3,
}

/** The agency with a suspicious spike: a few clients downloading one dataset thousands of times. */
export const SPIKE_AGENCY = 'nong-bua-lamphu-provincial-office'

/** Share of each Bangkok hour in a day's human downloads: office hours, a lunch dip, quiet nights. */
const HOURS = [
  1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 4.5, 6.5, 7, 6.5, 4.5, 6, 6.5, 6, 5, 3.5, 3, 3.2, 3.4, 3, 2.2, 1.5,
]
const HOURS_CUMULATIVE = cumulative(HOURS)
const MONTH_FACTOR = [0.95, 1, 1.05, 0.8, 0.95, 1, 1.05, 1.15, 1, 0.9, 1, 0.85]
const HOLIDAYS = new Set(['01-01', '04-13', '04-14', '04-15', '12-31'])

function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length)
  let sum = 0
  weights.forEach((w, i) => {
    sum += w
    out[i] = sum
  })
  return out
}

/** Index of the first cumulative weight above `r × total` (binary search). */
function pick(cum: Float64Array, r: number): number {
  const target = r * (cum[cum.length - 1] as number)
  let lo = 0
  let hi = cum.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((cum[mid] as number) > target) hi = mid
    else lo = mid + 1
  }
  return lo
}

function hashOf(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

export interface TrafficModel {
  resourceIds: string[]
  cumulative: Float64Array
  spike: { resourceId: string } | undefined
}

/**
 * Popularity of every resource: datasets in a weighted random order (popular agencies first more often),
 * Zipf-like by rank (a few datasets take most downloads), the first resource of a dataset the usual one.
 */
export function buildTrafficModel(catalog: DemoCatalog): TrafficModel {
  const random = seededRandom(2567)
  const slugOf = new Map(catalog.agencies.map((a) => [a.agencyId, a.slug]))
  const factor = (agencyId: string) => {
    const slug = slugOf.get(agencyId) ?? ''
    return POPULAR[slug] ?? (slug.endsWith('-provincial-office') ? 0.35 : 1)
  }
  const ordered = catalog.datasets
    .map((d) => ({ d, key: random() ** (1 / factor(d.agencyId)) }))
    .sort((a, b) => b.key - a.key)
  const resourceIds: string[] = []
  const weights: number[] = []
  ordered.forEach(({ d }, rank) => {
    const w = 1 / (rank + 1) ** 1.02
    d.resourceIds.forEach((id, i) => {
      resourceIds.push(id)
      weights.push(
        d.resourceIds.length === 1 ? w : i === 0 ? w * 0.65 : (w * 0.35) / (d.resourceIds.length - 1),
      )
    })
  })
  const spikeAgency = catalog.agencies.find((a) => a.slug === SPIKE_AGENCY)
  const spikeDataset = catalog.datasets.find((d) => d.agencyId === spikeAgency?.agencyId)
  const spikeResource = spikeDataset?.resourceIds[0]
  return {
    resourceIds,
    cumulative: cumulative(weights),
    spike: spikeResource ? { resourceId: spikeResource } : undefined,
  }
}

/** The demo's days, newest first: today back to the first day of the month twelve months ago (13 months). */
export function demoDays(now: number): Day[] {
  const first = `${addMonths(bangkokMonth(now), -12)}-01`
  const days: Day[] = []
  for (let d = bangkokDay(now); d >= first; d = addDays(d, -1)) days.push(d)
  return days
}

/** The days of the suspicious spike: eight days starting about seven weeks before `now`. */
export function spikeDays(now: number): Set<Day> {
  const start = addDays(bangkokDay(now), -52)
  return new Set(Array.from({ length: 8 }, (_, i) => addDays(start, i)))
}

function dayVolume(day: Day, progress: number, random: () => number): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  const month = Number(day.slice(5, 7))
  const dom = Number(day.slice(8, 10))
  let v = BASE_DAILY_DOWNLOADS * (weekday === 0 ? 0.42 : weekday === 6 ? 0.5 : 1)
  // The fiscal year ends on 30 September: agencies and their users rush to finish.
  v *= month === 9 ? 1.3 + (0.9 * dom) / 30 : (MONTH_FACTOR[month - 1] ?? 1)
  if (HOLIDAYS.has(day.slice(5))) v *= 0.35
  v *= 0.85 + 0.3 * progress // slow growth over the year
  return v * (0.85 + 0.3 * random())
}

const ip = (pool: string, i: number) => `10.${pool}.${(i >> 8) & 255}.${i & 255}`

/**
 * One day's downloads, deterministic for the day: humans in office hours, machine clients and robots
 * around the clock, double clicks (a repeat within seconds), and on spike days the suspicious burst.
 * Only instants before `now` are kept.
 */
export function demoEventsOfDay(model: TrafficModel, day: Day, now: number, progress = 1): IncomingEvent[] {
  const random = seededRandom(hashOf(`demo:${day}`))
  const start = dayStart(day)
  const events: IncomingEvent[] = []
  let n = 0
  const add = (resourceId: string, at: number, clientIp: string, userAgent: string) => {
    if (at < now - 60_000) {
      events.push({
        eventId: demoId('event', `${day}-${n++}`),
        resourceId,
        occurredAt: new Date(at).toISOString(),
        clientIp,
        userAgent,
      })
    }
  }
  const volume = Math.round(dayVolume(day, progress, random))
  for (let i = 0; i < volume; i++) {
    const resourceId = model.resourceIds[pick(model.cumulative, random())] as string
    const kind = random()
    if (kind < 0.065) {
      const bot = Math.floor(random() * ROBOT_UAS.length)
      add(
        resourceId,
        start + random() * 86_400_000,
        ip('200', bot * 8 + Math.floor(random() * 8)),
        ROBOT_UAS[bot] as string,
      )
    } else if (kind < 0.07) {
      add(resourceId, start + random() * 86_400_000, ip('201', Math.floor(random() * 50)), '')
    } else if (kind < 0.19) {
      const client = Math.floor(300 * random() ** 2)
      add(
        resourceId,
        start + random() * 86_400_000,
        ip('100', client),
        MACHINE_UAS[client % MACHINE_UAS.length] as string,
      )
    } else {
      const client = Math.floor(30_000 * random() ** 1.6)
      const ua = BROWSER_UAS[client % BROWSER_UAS.length] as string
      const at = start + pick(HOURS_CUMULATIVE, random()) * 3_600_000 + random() * 3_600_000
      add(resourceId, at, ip(String(client >> 16), client & 0xffff), ua)
      // Double clicks: the same person clicks again a few seconds later (sometimes twice).
      const repeat = random()
      if (repeat < 0.06)
        add(resourceId, at + 2_000 + random() * 20_000, ip(String(client >> 16), client & 0xffff), ua)
      if (repeat < 0.01)
        add(resourceId, at + 24_000 + random() * 5_000, ip(String(client >> 16), client & 0xffff), ua)
    }
  }
  if (model.spike && spikeDays(now).has(day)) {
    // Three clients with browser user agents, every 31–45 s for hours: counted, but a warning sign.
    for (let c = 0; c < 3; c++) {
      let at = start + (8 + c * 3) * 3_600_000
      for (let k = 0; k < 230; k++) {
        add(model.spike.resourceId, at, ip('150', 7 + c), BROWSER_UAS[0] as string)
        at += 31_000 + random() * 14_000
      }
    }
  }
  return events
}
