import { createHmac, randomUUID } from 'node:crypto'
import { classifyUserAgent } from '../../shared/counting/user-agent.js'
import { addDays, bangkokDay, type Day } from '../../shared/time.js'
import { clock } from '../clock.js'
import { config } from '../config.js'
import {
  findExistingEvents,
  markDaysDirty,
  type StoredEvent,
  saveEventOnce,
  saveEvents,
} from '../store/events.js'
import { eventKey } from '../store/keys.js'
import { getDaySalt } from '../store/salts.js'
import { mapLimit } from '../util/concurrency.js'
import { WriteCoalescer } from './coalescer.js'
import { resolveResources } from './resources.js'

/** A download as the portal or an importer reports it (after schema validation). */
export interface IncomingEvent {
  resourceId: string
  eventId?: string
  occurredAt?: string
  userAgent?: string
  clientIp?: string
  sessionId?: string
  /** The portal the download came from (validated by the caller); absent: the default portal. */
  portal?: string
}

/** Where single downloads go first, when the runtime keeps a local write-ahead journal (local/journal.ts). */
export interface Journal {
  append(event: StoredEvent): Promise<void>
}

/** What the runtime does once days received new events (the local runtime rolls them up soon after). */
export type OnRecorded = (days: Set<Day>) => void

export interface RecordOptions {
  /** Single downloads are acknowledged once journaled here and stored from it; unset: straight to the table. */
  journal?: Journal | undefined
  /** Told the days that received new events. */
  onRecorded?: OnRecorded | undefined
  /**
   * The sender's ids are unique per day by construction (the demo; log imports, whose ids hash the log line
   * with its time): duplicates are found by day and id, and events are written in batches.
   */
  idsUniquePerDay?: boolean
}

export interface RecordResult {
  accepted: number
  duplicates: number
  rejected: { index: number; error: string }[]
}

/** How far ahead of our clock an event may claim to be, and how old it may be. */
export const MAX_FUTURE_MS = 5 * 60_000
export const RETENTION_DAYS = 400

const singles = new WriteCoalescer<StoredEvent>(saveEvents)

/** Keyed hash of the client: the raw IP never leaves this function. */
function clientHash(salt: Buffer, ip: string, userAgent: string): string {
  return createHmac('sha256', salt).update(`${ip}\n${userAgent}`).digest('base64url').slice(0, 22)
}

/**
 * Keyed hash of the address alone, for the integrity signals (shared/counting/identity.ts); the prefix keeps it
 * apart from every client hash of the same day. The raw IP never leaves this function either.
 */
function addressHash(salt: Buffer, ip: string): string {
  return createHmac('sha256', salt).update(`address\n${ip}`).digest('base64url').slice(0, 22)
}

/**
 * Records downloads: rejects unknown resources and impossible instants per event, skips events already
 * stored (retries and replays change nothing), stores the rest durably before answering.
 */
export async function recordDownloads(
  events: readonly IncomingEvent[],
  request: { ip: string; userAgent: string },
  now = clock.now(),
  options: RecordOptions = {},
): Promise<RecordResult> {
  const rejected: RecordResult['rejected'] = []
  const resources = await resolveResources(events.map((e) => e.resourceId))
  const oldest = now - RETENTION_DAYS * 86_400_000
  const candidates: StoredEvent[] = []
  const generatedIds = new Set<string>()
  const generated = (id: string) => {
    generatedIds.add(id)
    return id
  }
  for (const [index, e] of events.entries()) {
    const resource = resources.get(e.resourceId)
    if (!resource?.active) {
      rejected.push({ index, error: `resourceId ${e.resourceId} is not an active resource of the catalog` })
      continue
    }
    const at = e.occurredAt ? Date.parse(e.occurredAt) : now
    if (at > now + MAX_FUTURE_MS) {
      rejected.push({ index, error: 'occurredAt is more than 5 minutes in the future' })
      continue
    }
    if (at < oldest) {
      rejected.push({ index, error: `occurredAt is older than the ${RETENTION_DAYS}-day retention window` })
      continue
    }
    const day = bangkokDay(at)
    const userAgent = (e.userAgent ?? request.userAgent).slice(0, 512)
    const salt = await getDaySalt(day, now)
    const ip = e.clientIp ?? request.ip
    candidates.push({
      eventId: e.eventId ?? generated(randomUUID()),
      day,
      resourceId: resource.resourceId,
      datasetId: resource.datasetId,
      agencyId: resource.agencyId,
      at,
      client: clientHash(salt, ip, userAgent),
      address: addressHash(salt, ip),
      clientClass: classifyUserAgent(userAgent),
      userAgent,
      ...(e.sessionId ? { sessionId: e.sessionId } : {}),
      // The default portal is kept as no portal, as events stored before portals existed.
      ...(e.portal && e.portal !== config().defaultPortal ? { portal: e.portal } : {}),
      receivedAt: now,
    })
  }

  const fresh = await dropDuplicates(candidates, generatedIds)
  const ours = fresh.filter((e) => generatedIds.has(e.eventId))
  const given = fresh.filter((e) => !generatedIds.has(e.eventId))
  const single = ours.length === 1 && given.length === 0 ? (ours[0] as StoredEvent) : undefined
  // A single download with an id of our own (GET /d/; it cannot be a retry) is acknowledged once journaled,
  // where the runtime keeps a journal, and stored from there in the background; otherwise concurrent single
  // downloads are written together.
  const { journal, onRecorded } = options
  if (single && journal) await journal.append(single)
  else
    await storeEvents(
      ours,
      single ? (events) => singles.add(events[0] as StoredEvent) : saveEvents,
      now,
      onRecorded,
    )
  // Events with ids of the sender's are stored before answering, each exactly once whatever day a replay
  // says and however many requests carry it at once, so `accepted` and `duplicates` are true. Senders whose ids
  // are unique per day by construction (the demo, log imports: the day is part of the id) take the batch path.
  const stored = options.idsUniquePerDay ? given : await saveOnce(given)
  // (`saveOnce` has written them already: what is left is marking late days and telling the rollup.)
  await storeEvents(stored, options.idsUniquePerDay ? saveEvents : alreadySaved, now, onRecorded)
  const accepted = ours.length + stored.length
  return { accepted, duplicates: candidates.length - accepted, rejected }
}

/** A save step for events `saveOnce` has already written. */
const alreadySaved = async () => {}

/** The events stored by `saveEventOnce` (the others were duplicates), a bounded number of writes at a time. */
async function saveOnce(events: readonly StoredEvent[]): Promise<StoredEvent[]> {
  const outcomes = await mapLimit(events, 32, saveEventOnce)
  return events.filter((_, i) => outcomes[i] === 'stored')
}

/** Stores recorded events in the table and tells the runtime which days changed. */
async function storeEvents(
  events: readonly StoredEvent[],
  save: (events: readonly StoredEvent[]) => Promise<void>,
  now: number,
  onRecorded: OnRecorded | undefined,
): Promise<void> {
  if (events.length === 0) return
  const days = await persistEvents(events, save, now)
  if (days.size > 0) onRecorded?.(days)
}

/**
 * Stores events in the table and marks days before yesterday for the rollup; answers the days stored.
 * The journal stores through this too: a replay writes identical items again, which changes nothing.
 */
export async function persistEvents(
  events: readonly StoredEvent[],
  save: (events: readonly StoredEvent[]) => Promise<void> = saveEvents,
  now = clock.now(),
): Promise<Set<Day>> {
  await save(events)
  const days = new Set(events.map((e) => e.day))
  const late = [...days].filter((d) => d < addDays(bangkokDay(now), -1))
  if (late.length > 0) await markDaysDirty(late, now)
  return days
}

/** Events whose id was not stored before, and only the first of repeats within the batch. */
async function dropDuplicates(events: StoredEvent[], generatedIds: Set<string>): Promise<StoredEvent[]> {
  const seen = new Set<string>()
  const unique = events.filter((e) => {
    const k = `${e.day}|${e.eventId}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
  // Ids we generated just now cannot have been stored before: only given ids need a lookup.
  const withGivenId = unique.filter((e) => !generatedIds.has(e.eventId))
  if (withGivenId.length === 0) return unique
  const stored = await findExistingEvents(withGivenId.map((e) => eventKey(e.day, e.eventId)))
  return unique.filter((e) => {
    const k = eventKey(e.day, e.eventId)
    return !stored.has(`${k.pk}|${k.sk}`)
  })
}
