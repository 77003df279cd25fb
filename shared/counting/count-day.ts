import { bangkokHour } from '../time.js'
import type { ClientClass } from './user-agent.js'

/** A raw download event as counting needs it (attribution is fixed at ingest from the catalog of the time). */
export interface CountableEvent {
  eventId: string
  resourceId: string
  datasetId: string
  agencyId: string
  /** Instant, ms since epoch. */
  at: number
  /** Keyed hash of (IP, user agent) with the salt of the event's Bangkok day. */
  client: string
  clientClass: ClientClass
  sessionId?: string
}

/** What counting-v1 makes of a set of events: totals, and what the rules left out. */
export interface Counts {
  downloads: number
  uniqueDownloads: number
  machineDownloads: number
  robots: number
  doubleClicks: number
}

export const ZERO_COUNTS: Readonly<Counts> = Object.freeze({
  downloads: 0,
  uniqueDownloads: 0,
  machineDownloads: 0,
  robots: 0,
  doubleClicks: 0,
})

export const COUNT_FIELDS = Object.keys(ZERO_COUNTS) as (keyof Counts)[]

/** Repeats of the same resource by the same client within this gap form one download (COUNTER). */
export const DOUBLE_CLICK_MS = 30_000

export interface DayCounts {
  datasets: Map<string, Counts & { agencyId: string }>
  agencies: Map<string, Counts>
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    downloads: a.downloads + b.downloads,
    uniqueDownloads: a.uniqueDownloads + b.uniqueDownloads,
    machineDownloads: a.machineDownloads + b.machineDownloads,
    robots: a.robots + b.robots,
    doubleClicks: a.doubleClicks + b.doubleClicks,
  }
}

export function isZeroCounts(c: Counts): boolean {
  return COUNT_FIELDS.every((f) => c[f] === 0)
}

const byTime = (a: CountableEvent, b: CountableEvent) => a.at - b.at || (a.eventId < b.eventId ? -1 : 1)

/**
 * Applies counting-v1 to one Bangkok day's events. Days are independent because client identities are
 * hashed with a salt that rotates at Bangkok midnight. The result does not depend on the order of `events`.
 */
export function countDay(events: readonly CountableEvent[]): DayCounts {
  const datasets = new Map<string, Counts & { agencyId: string }>()
  const entry = (e: CountableEvent) => {
    let c = datasets.get(e.datasetId)
    if (!c) {
      c = { ...ZERO_COUNTS, agencyId: e.agencyId }
      datasets.set(e.datasetId, c)
    }
    return c
  }

  const chains = new Map<string, CountableEvent[]>()
  for (const e of events) {
    if (e.clientClass === 'robot') {
      entry(e).robots++
      continue
    }
    const key = `${e.client}\u0000${e.resourceId}`
    const list = chains.get(key)
    if (list) list.push(e)
    else chains.set(key, [e])
  }

  const sessions = new Map<string, Set<string>>()
  for (const list of chains.values()) {
    list.sort(byTime)
    list.forEach((e, i) => {
      const next = list[i + 1]
      const c = entry(e)
      if (next && next.at - e.at <= DOUBLE_CLICK_MS) {
        c.doubleClicks++
        return
      }
      c.downloads++
      if (e.clientClass === 'machine') c.machineDownloads++
      const session = e.sessionId ? `s:${e.sessionId}` : `c:${e.client}@${bangkokHour(e.at)}`
      let seen = sessions.get(e.datasetId)
      if (!seen) {
        seen = new Set()
        sessions.set(e.datasetId, seen)
      }
      if (!seen.has(session)) {
        seen.add(session)
        c.uniqueDownloads++
      }
    })
  }

  const agencies = new Map<string, Counts>()
  for (const { agencyId, ...c } of datasets.values()) {
    agencies.set(agencyId, addCounts(agencies.get(agencyId) ?? ZERO_COUNTS, c))
  }
  return { datasets, agencies }
}
