import { bangkokHour } from '../time.js'
import { addressOf, type EventIdentity } from './identity.js'

/**
 * counting-v2's harvesters: clients whose downloads in one Bangkok day look like systematic harvesting, not like
 * people. COUNTER R5.1 treats harvesting without permission as robot traffic: recorded, left out of every total,
 * reported apart (`excluded.harvesters`). Only clients that present themselves as browsers are judged: declared
 * programmatic clients (curl, python-requests…) are machine access, counted apart and visible as such.
 *
 * A client is one identity of one day (the salt rotates at Bangkok midnight), so a day is the longest span
 * judged. Each client is judged, and so is each address with all its user agents together: one address that
 * rotates its user agent is as many clients as user agents, but one address. The thresholds and why they are where they are: docs/decisions.md (2026-12-02, harvesters).
 */
export const HARVESTER_THRESHOLDS = {
  /**
   * Distinct resources in one Bangkok clock hour. A person working through a dataset's files (20 files of one
   * dataset in an hour is ordinary) opens well under one new file a minute for a whole hour; a harvester walking
   * the catalog does not stop there.
   */
  resourcesPerHour: 60,
  /** Distinct resources in the day, over at least `datasetsPerDay` datasets: a sweep across the catalog. */
  resourcesPerDay: 150,
  datasetsPerDay: 20,
  /**
   * Clockwork: at least `regularDownloads` downloads whose gaps vary by at most `regularSpread` (coefficient of
   * variation: standard deviation over mean) with a median gap of at most `regularMaxGapMs`. People's clicks
   * are irregular (gaps vary by more than their mean); a script's sleep loop is not.
   */
  regularDownloads: 20,
  regularSpread: 0.1,
  regularMaxGapMs: 15 * 60_000,
} as const

/** The part of an event the rule looks at. */
export interface HarvestEvent extends EventIdentity {
  resourceId: string
  datasetId: string
  at: number
}

/** Why a client was judged a harvester (the integrity view shows it). */
export type HarvestReason = 'resources-per-hour' | 'resources-per-day' | 'regular-intervals'

/** The identities of a day that harvested (clients, or addresses by `identityOf`), each with the first rule it met. */
export function findHarvesters(
  events: readonly HarvestEvent[],
  thresholds = HARVESTER_THRESHOLDS,
  identityOf: (e: HarvestEvent) => string = (e) => e.client,
): Map<string, HarvestReason> {
  const byClient = new Map<string, HarvestEvent[]>()
  for (const e of events) {
    const id = identityOf(e)
    const list = byClient.get(id)
    if (list) list.push(e)
    else byClient.set(id, [e])
  }
  const found = new Map<string, HarvestReason>()
  for (const [client, list] of byClient) {
    const reason = harvestReason(list, thresholds)
    if (reason) found.set(client, reason)
  }
  return found
}

/**
 * The events of a day's harvesters: those whose client harvested, or whose address did. Both are judged because
 * neither covers the other: an address's events hold each of its clients' (so its counts of files are at least
 * theirs), but one client's clockwork loop can be lost among other people's clicks from the same address.
 */
export function harvestedEvents<E extends HarvestEvent>(
  events: readonly E[],
  thresholds = HARVESTER_THRESHOLDS,
): Set<E> {
  const clients = findHarvesters(events, thresholds)
  const addresses = findHarvesters(events, thresholds, addressOf)
  return new Set(events.filter((e) => clients.has(e.client) || addresses.has(addressOf(e))))
}

/** The rule one client's day of downloads meets, if any. */
export function harvestReason(
  events: readonly HarvestEvent[],
  thresholds = HARVESTER_THRESHOLDS,
): HarvestReason | undefined {
  const perHour = new Map<string, Set<string>>()
  for (const e of events) {
    const hour = bangkokHour(e.at)
    let resources = perHour.get(hour)
    if (!resources) {
      resources = new Set()
      perHour.set(hour, resources)
    }
    resources.add(e.resourceId)
  }
  if ([...perHour.values()].some((r) => r.size >= thresholds.resourcesPerHour)) return 'resources-per-hour'
  const resources = new Set(events.map((e) => e.resourceId))
  const datasets = new Set(events.map((e) => e.datasetId))
  if (resources.size >= thresholds.resourcesPerDay && datasets.size >= thresholds.datasetsPerDay) {
    return 'resources-per-day'
  }
  if (
    isClockwork(
      events.map((e) => e.at),
      thresholds,
    )
  )
    return 'regular-intervals'
  return undefined
}

/** Whether instants are spaced like a script's loop: many, close, and nearly evenly. */
export function isClockwork(instants: readonly number[], thresholds = HARVESTER_THRESHOLDS): boolean {
  if (instants.length < thresholds.regularDownloads) return false
  const sorted = [...instants].sort((a, b) => a - b)
  const gaps = sorted.slice(1).map((t, i) => t - (sorted[i] as number))
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length
  if (mean <= 0) return false
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] as number
  if (median > thresholds.regularMaxGapMs) return false
  const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length)
  return sd / mean <= thresholds.regularSpread
}
