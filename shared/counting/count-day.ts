import { bangkokHour } from '../time.js'
import { harvestedEvents } from './harvesters.js'
import { addressOf } from './identity.js'
import { TOP_CLIENTS } from './top-clients.js'
import { type ClientClass, type CountingRules, classifyUserAgent } from './user-agent.js'

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
  /**
   * Keyed hash of the IP alone with the same salt (shared/counting/identity.ts): what the integrity signals
   * group by. Absent on events stored before it existed.
   */
  address?: string
  /** The class ingest gave it (counting-v1's). */
  clientClass: ClientClass
  /** The user agent as stored: later rules versions classify it again. */
  userAgent?: string
  sessionId?: string
  /** The portal the download came from, when not the default portal (shared/portals.ts). */
  portal?: string
}

/** What counting-v1 makes of a set of events: totals, and what the rules left out. */
export interface Counts {
  downloads: number
  uniqueDownloads: number
  machineDownloads: number
  robots: number
  doubleClicks: number
  /** Downloads left out as systematic harvesting (counting-v2). */
  harvesters: number
  /**
   * Downloads by the subject's busiest clients of each day (at most `TOP_CLIENTS` per day), summed over days.
   * A client here is an address (its keyed hash), whatever user agents it sent: rotating the user agent does
   * not split one address into many. Identities rotate daily, so a day is the longest span over which "one
   * client" means anything.
   */
  topClientDownloads: number
  /**
   * Counted downloads (`downloads`) that came from a portal other than the default one, by portal name;
   * absent when all came from the default portal, whose share is `downloads` less these (portalBreakdown).
   */
  byPortal?: Record<string, number>
}

export const ZERO_COUNTS: Readonly<Counts> = Object.freeze({
  downloads: 0,
  uniqueDownloads: 0,
  machineDownloads: 0,
  robots: 0,
  doubleClicks: 0,
  harvesters: 0,
  topClientDownloads: 0,
})

/** The numeric fields of counts (every field but the portal breakdown). */
export type CountField = Exclude<keyof Counts, 'byPortal'>
export const COUNT_FIELDS = Object.keys(ZERO_COUNTS) as CountField[]

/** Two portal breakdowns combined (`sign` -1 subtracts), without the portals that come to zero. */
export function combinePortals(
  a: Counts['byPortal'],
  b: Counts['byPortal'],
  sign: 1 | -1 = 1,
): Counts['byPortal'] {
  if (!a && !b) return undefined
  const out: Record<string, number> = { ...a }
  for (const [portal, n] of Object.entries(b ?? {})) out[portal] = (out[portal] ?? 0) + sign * n
  for (const [portal, n] of Object.entries(out)) if (n === 0) delete out[portal]
  return Object.keys(out).length > 0 ? out : undefined
}

/** `counts` with `byPortal` set, or left out when empty (so counts of the default portal alone stay as before). */
export function withPortals<C extends Counts>(counts: C, byPortal: Counts['byPortal']): C {
  const { byPortal: _, ...rest } = counts
  return (byPortal ? { ...rest, byPortal } : rest) as C
}

/** Counts one more counted download from `portal` (nothing for the default portal, which events leave out). */
export function countPortal(c: Counts, portal: string | undefined): void {
  if (!portal) return
  c.byPortal = { ...c.byPortal, [portal]: (c.byPortal?.[portal] ?? 0) + 1 }
}

/** Downloads by portal, the default portal's share included: what rankings and reports show. */
export function portalBreakdown(c: Counts, defaultPortal: string): Record<string, number> {
  const others = Object.values(c.byPortal ?? {}).reduce((a, b) => a + b, 0)
  const out: Record<string, number> = {}
  if (c.downloads - others !== 0) out[defaultPortal] = c.downloads - others
  for (const [portal, n] of Object.entries(c.byPortal ?? {})) out[portal] = (out[portal] ?? 0) + n
  return out
}

/** Repeats of the same resource by the same client within this gap form one download (COUNTER). */
export const DOUBLE_CLICK_MS = 30_000

export { TOP_CLIENTS }

export interface DayCounts {
  datasets: Map<string, Counts & { agencyId: string }>
  agencies: Map<string, Counts>
}

export function addCounts(a: Counts, b: Counts): Counts {
  const byPortal = combinePortals(a.byPortal, b.byPortal)
  return {
    ...(byPortal ? { byPortal } : {}),
    downloads: a.downloads + b.downloads,
    uniqueDownloads: a.uniqueDownloads + b.uniqueDownloads,
    machineDownloads: a.machineDownloads + b.machineDownloads,
    robots: a.robots + b.robots,
    doubleClicks: a.doubleClicks + b.doubleClicks,
    harvesters: a.harvesters + b.harvesters,
    topClientDownloads: a.topClientDownloads + b.topClientDownloads,
  }
}

export function isZeroCounts(c: Counts): boolean {
  return COUNT_FIELDS.every((f) => c[f] === 0) && Object.values(c.byPortal ?? {}).every((n) => n === 0)
}

/** Adds one counted download of `client` (an address) to a subject's tally. */
function tally(perSubject: Map<string, Map<string, number>>, subject: string, client: string) {
  let clients = perSubject.get(subject)
  if (!clients) {
    clients = new Map()
    perSubject.set(subject, clients)
  }
  clients.set(client, (clients.get(client) ?? 0) + 1)
}

/** Downloads of the `TOP_CLIENTS` busiest clients in a tally. */
function topClientsTotal(clients: Map<string, number> | undefined): number {
  if (!clients) return 0
  return [...clients.values()]
    .sort((a, b) => b - a)
    .slice(0, TOP_CLIENTS)
    .reduce((a, b) => a + b, 0)
}

const byTime = (a: CountableEvent, b: CountableEvent) => a.at - b.at || (a.eventId < b.eventId ? -1 : 1)

/** What the rules make of one event: left out (robot, harvester, double click) or counted (machine or not). */
export type EventOutcome = 'robot' | 'harvester' | 'doubleClick' | 'machine' | 'regular'

/**
 * Each event's outcome under a counting rules version, for events of one Bangkok day (or any part of a day that
 * holds every event of its addresses: an address's events are all the rules look at together, besides sessions
 * given by the sender and the busiest clients, which the callers sum across addresses).
 */
export function eventOutcomes(
  events: readonly CountableEvent[],
  rules: CountingRules = 'counting-v1',
): Map<CountableEvent, EventOutcome> {
  const outcomes = new Map<CountableEvent, EventOutcome>()
  const classOf = (e: CountableEvent): ClientClass =>
    rules === 'counting-v1' ? e.clientClass : classifyUserAgent(e.userAgent ?? '', rules)
  const classes = new Map(events.map((e) => [e, classOf(e)]))
  // Harvesting is judged on what a client presenting itself as a browser did (machine access is declared).
  const harvested =
    rules === 'counting-v1'
      ? new Set<CountableEvent>()
      : harvestedEvents(events.filter((e) => classes.get(e) === 'regular'))
  const chains = new Map<string, CountableEvent[]>()
  for (const e of events) {
    const clientClass = classes.get(e)
    if (clientClass === 'robot') {
      outcomes.set(e, 'robot')
      continue
    }
    if (clientClass === 'regular' && harvested.has(e)) {
      outcomes.set(e, 'harvester')
      continue
    }
    const key = `${e.client}\u0000${e.resourceId}`
    const list = chains.get(key)
    if (list) list.push(e)
    else chains.set(key, [e])
  }
  for (const list of chains.values()) {
    list.sort(byTime)
    list.forEach((e, i) => {
      const next = list[i + 1]
      if (next && next.at - e.at <= DOUBLE_CLICK_MS) outcomes.set(e, 'doubleClick')
      else outcomes.set(e, classes.get(e) === 'machine' ? 'machine' : 'regular')
    })
  }
  return outcomes
}

/** The session a counted download belongs to: the sender's, or its client's Bangkok clock hour. */
export const sessionOf = (e: CountableEvent): string =>
  e.sessionId ? `s:${e.sessionId}` : `c:${e.client}@${bangkokHour(e.at)}`

/**
 * Applies a counting rules version to one Bangkok day's events (counting-v1 by default). Days are independent
 * because client identities are hashed with a salt that rotates at Bangkok midnight. The result does not depend
 * on the order of `events`. Under counting-v2 each event's user agent is classified again by v2's lists, and the
 * clients and addresses that harvested (shared/counting/harvesters.ts) are left out, counted as `harvesters`.
 */
export function countDay(events: readonly CountableEvent[], rules: CountingRules = 'counting-v1'): DayCounts {
  const datasets = new Map<string, Counts & { agencyId: string }>()
  const entry = (e: CountableEvent) => {
    let c = datasets.get(e.datasetId)
    if (!c) {
      c = { ...ZERO_COUNTS, agencyId: e.agencyId }
      datasets.set(e.datasetId, c)
    }
    return c
  }
  const sessions = new Map<string, Set<string>>()
  const datasetClients = new Map<string, Map<string, number>>()
  const agencyClients = new Map<string, Map<string, number>>()
  for (const [e, outcome] of eventOutcomes(events, rules)) {
    const c = entry(e)
    if (outcome === 'robot') c.robots++
    else if (outcome === 'harvester') c.harvesters++
    else if (outcome === 'doubleClick') c.doubleClicks++
    else {
      c.downloads++
      countPortal(c, e.portal)
      if (outcome === 'machine') c.machineDownloads++
      tally(datasetClients, e.datasetId, addressOf(e))
      tally(agencyClients, e.agencyId, addressOf(e))
      let seen = sessions.get(e.datasetId)
      if (!seen) {
        seen = new Set()
        sessions.set(e.datasetId, seen)
      }
      const session = sessionOf(e)
      if (!seen.has(session)) {
        seen.add(session)
        c.uniqueDownloads++
      }
    }
  }

  for (const [datasetId, c] of datasets) c.topClientDownloads = topClientsTotal(datasetClients.get(datasetId))
  const agencies = new Map<string, Counts>()
  for (const { agencyId, ...c } of datasets.values()) {
    agencies.set(agencyId, addCounts(agencies.get(agencyId) ?? ZERO_COUNTS, c))
  }
  // An agency's busiest clients are counted across its datasets, not summed from each dataset's.
  for (const [agencyId, c] of agencies) c.topClientDownloads = topClientsTotal(agencyClients.get(agencyId))
  return { datasets, agencies }
}
