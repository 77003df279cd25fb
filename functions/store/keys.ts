/**
 * Every key of the product's one DynamoDB table (`pk`, `sk`), in one place: the store's modules build their keys
 * here, and the CDK stack grants each function the partitions it writes from the same names
 * (`dynamodb:LeadingKeys`). Pure: no I/O, no AWS SDK, so `cdk/` may import it.
 *
 * | partition (`pk`)                   | sort key (`sk`)                         | what                          |
 * | ---------------------------------- | --------------------------------------- | ----------------------------- |
 * | `EVENT#<day>#<shard>`              | event id                                | raw download events           |
 * | `EVENT#ID#<shard>`                 | sender's event id                       | the day an id was first used  |
 * | `SLICE#<day>#<shard>`              | `<address>#<chunk>`                     | counted events by address     |
 * | `SESSION#<day>`                    | `<datasetId>#<session id>`              | sender's sessions with a count |
 * | `COUNTS#D#<day>` `#M#<month>` `#FY#<fy>` | `A#<agencyId>`, `D#<datasetId>`   | counts of a period            |
 * | `VERSION`                          | a versioned key (a counts partition…)   | what API processes cache      |
 * | `ROLLUP#DIRTY`, `ROLLUP#INTENT`, `ROLLUP#READY` | day / `RUNNING` / `<day>#v2` | the rollup's bookkeeping      |
 * | `CATALOG#AGENCY`, `CATALOG#DATASET` | id                                     | the catalog                   |
 * | `CATALOG#RESOURCE#<resourceId>`    | `R`                                     | a resource (ingest's lookup)  |
 * | `CATALOG#SYNC`                     | `LAST`                                  | the latest sync's result      |
 * | `RUN`                              | `<startedAt>#<runId>`                   | runs of the monthly job, syncs |
 * | `REVIEW#<fy>`                      | subject id                              | award review decisions        |
 * | `CERTIFICATION#<fy>`               | `V#<0001>`                              | certified award results       |
 * | `CERTCODE`                         | verification code                       | a certificate's code → winner |
 * | `LEGACY#<month>`                   | `<source>#<datasetId>`                  | earlier counts (import-history) |
 * | `LEGACYTOTAL#<source>`             | `<datasetId>#<month>`                   | running totals read (CKAN tracking) |
 * | `SALT`, `LEASE`, `AUDIT`, …        | day, lease name, time#uuid, …           | see each store module         |
 */
import type { Day, Month } from '../../shared/time.js'

export type Key = { pk: string; sk: string }

/** A period counts are kept for: a Bangkok day, a Bangkok month, or a Thai fiscal year. */
export type Period = { day: Day } | { month: Month } | { fy: number }

/** Whose counts: agencies' or datasets'. */
export type Subject = 'agencies' | 'datasets'

/** Partition names (and, ending in `#*`, families of partitions) as IAM conditions name them. */
export const PARTITIONS = {
  events: 'EVENT#*',
  slices: 'SLICE#*',
  sessions: 'SESSION#*',
  counts: 'COUNTS#*',
  versions: 'VERSION',
  rollupDirty: 'ROLLUP#DIRTY',
  rollupIntent: 'ROLLUP#INTENT',
  rollupReady: 'ROLLUP#READY',
  rollupStatus: 'ROLLUP#STATUS',
  salts: 'SALT',
  leases: 'LEASE',
  audit: 'AUDIT',
  catalog: 'CATALOG#*',
  catalogAgencies: 'CATALOG#AGENCY',
  catalogDatasets: 'CATALOG#DATASET',
  catalogResources: 'CATALOG#RESOURCE#*',
  catalogSync: 'CATALOG#SYNC',
  targets: 'TARGET#*',
  awardProgrammes: 'AWARDS#PROGRAMME',
  reviews: 'REVIEW#*',
  certifications: 'CERTIFICATION#*',
  certificateCodes: 'CERTCODE',
  subscriptions: 'SUBSCRIPTION',
  deliveries: 'DELIVERY#*',
  reports: 'REPORT',
  runs: 'RUN',
  legacyCounts: 'LEGACY#*',
  legacyTotals: 'LEGACYTOTAL#*',
  countChanges: 'COUNTCHANGES#*',
} as const

/** A family's partition with its variable part (`EVENT#*` + `2026-11-02#07` → `EVENT#2026-11-02#07`). */
const within = (family: `${string}#*`, ...parts: (string | number)[]) =>
  `${family.slice(0, -1)}${parts.join('#')}`

/** Raw events are spread over this many partitions per day by event id (a hot dataset never sits on one). */
export const EVENT_SHARDS = 16

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
const shardOf = (eventId: string) => String(fnv1a(eventId) % EVENT_SHARDS).padStart(2, '0')

/** Where an event lives: its Bangkok day, a shard from its id, and the id itself. */
export const eventKey = (day: Day, eventId: string): Key => ({
  pk: within(PARTITIONS.events, day, shardOf(eventId)),
  sk: eventId,
})

/** Every partition of a day's raw events. */
export const eventPartitionsOf = (day: Day): string[] =>
  Array.from({ length: EVENT_SHARDS }, (_, i) => within(PARTITIONS.events, day, String(i).padStart(2, '0')))

/** Where a sender's event id is claimed for the day of its first event (under ingest's `EVENT#*`). */
export const eventIdKey = (eventId: string): Key => ({
  pk: within(PARTITIONS.events, 'ID', shardOf(eventId)),
  sk: eventId,
})

/**
 * The sparse index of events the rollup has not counted yet: an event of today or yesterday is stored with
 * `PENDING_ATTRIBUTE` set to one of `EVENT_SHARDS` values (from its id), and the rollup removes it once counted.
 * The index holds only those, so the rollup reads what is new and nothing else.
 */
export const PENDING_INDEX = 'pending'
export const PENDING_ATTRIBUTE = 'pp'
export const pendingShard = (eventId: string) => `P#${shardOf(eventId)}`
export const pendingShards = (): string[] =>
  Array.from({ length: EVENT_SHARDS }, (_, i) => `P#${String(i).padStart(2, '0')}`)

/**
 * Where the rollup keeps an address's counted events of a day: item `chunk` of them (`000` first, which says
 * how many there are), beside the other addresses of its shard.
 */
export const sliceKey = (day: Day, address: string, chunk: number): Key => ({
  pk: within(PARTITIONS.slices, day, shardOf(address)),
  sk: `${address}#${String(chunk).padStart(3, '0')}`,
})
/** The address and chunk of a slice item's sort key. */
export function parseSliceSk(sk: string): { address: string; chunk: number } {
  const at = sk.lastIndexOf('#')
  return { address: sk.slice(0, at), chunk: Number(sk.slice(at + 1)) }
}
/** Every partition of a day's counted events. */
export const slicePartitionsOf = (day: Day): string[] =>
  Array.from({ length: EVENT_SHARDS }, (_, i) => within(PARTITIONS.slices, day, String(i).padStart(2, '0')))

/** How many addresses counted a download of a dataset in a session the sender named, on a day. */
export const sessionKey = (day: Day, datasetId: string, sessionId: string): Key => ({
  pk: within(PARTITIONS.sessions, day),
  sk: `${datasetId}#${sessionId}`,
})

/** The partition of a period's counts; also the key its version is kept under. */
export function countsPartition(period: Period): string {
  if ('day' in period) return within(PARTITIONS.counts, 'D', period.day)
  if ('month' in period) return within(PARTITIONS.counts, 'M', period.month)
  return within(PARTITIONS.counts, 'FY', period.fy)
}

const SUBJECT_PREFIX: Record<Subject, string> = { agencies: 'A#', datasets: 'D#' }

/** The sort-key prefix of a subject's counts in a period's partition. */
export const countsPrefix = (subject: Subject) => SUBJECT_PREFIX[subject]

/** The sort key of one agency's or dataset's counts. */
export const countsSk = (subject: Subject, id: string) => `${SUBJECT_PREFIX[subject]}${id}`

/** Whose counts a sort key holds, or undefined for a key that is not a count's. */
export function parseCountsSk(sk: string): { subject: Subject; id: string } | undefined {
  if (sk.startsWith('A#')) return { subject: 'agencies', id: sk.slice(2) }
  if (sk.startsWith('D#')) return { subject: 'datasets', id: sk.slice(2) }
  return undefined
}

/**
 * What one version of a month's or fiscal year's counts changed (see store/count-changes.ts): one item per
 * version, sorted by it, in a partition beside the counts' own.
 */
export const countChangesPartition = (period: Period) =>
  within(PARTITIONS.countChanges, countsPartition(period))
export const countChangesSk = (version: number) => String(version).padStart(12, '0')
export const countChangesKey = (period: Period, version: number): Key => ({
  pk: countChangesPartition(period),
  sk: countChangesSk(version),
})

/** Where the read model's snapshots are kept in the bucket (functions/store/read-snapshots.ts). */
export const READ_MODEL_PREFIX = 'read-model/'

export const rollupDirtyKey = (day: Day): Key => ({ pk: PARTITIONS.rollupDirty, sk: day })
export const rollupIntentKey: Key = { pk: PARTITIONS.rollupIntent, sk: 'RUNNING' }
/** Set once a day's counted events and counts are kept incrementally (its slices are complete). */
// `#v2`: slices kept one item per address (a day marked ready when they were kept one item per event is
// recounted whole once, which keeps its events the new way).
export const rollupReadyKey = (day: Day): Key => ({ pk: PARTITIONS.rollupReady, sk: `${day}#v2` })
export const rollupStatusKey: Key = { pk: PARTITIONS.rollupStatus, sk: 'LAST' }
export const saltKey = (day: Day): Key => ({ pk: PARTITIONS.salts, sk: day })
export const leaseKey = (name: string): Key => ({ pk: PARTITIONS.leases, sk: name })
export const versionKey = (versioned: string): Key => ({ pk: PARTITIONS.versions, sk: versioned })

export const agencyKey = (agencyId: string): Key => ({ pk: PARTITIONS.catalogAgencies, sk: agencyId })
export const datasetKey = (datasetId: string): Key => ({ pk: PARTITIONS.catalogDatasets, sk: datasetId })
export const resourceKey = (resourceId: string): Key => ({
  pk: within(PARTITIONS.catalogResources, resourceId),
  sk: 'R',
})
export const catalogSyncKey: Key = { pk: PARTITIONS.catalogSync, sk: 'LAST' }

/** The partition of a fiscal year's targets; also the key their version is kept under. */
export const targetsPartition = (fy: number) => within(PARTITIONS.targets, fy)
export const targetKey = (fy: number, agencyId: string): Key => ({ pk: targetsPartition(fy), sk: agencyId })

export const programmeKey = (fy: number): Key => ({ pk: PARTITIONS.awardProgrammes, sk: `FY#${fy}` })
/** The key a fiscal year's award programme is versioned under. */
/** The version key the catalog's agencies and datasets move under (any write of them). */
export const catalogVersion = PARTITIONS.catalog.slice(0, -2)
export const programmeVersion = (fy: number) => `${PARTITIONS.awardProgrammes}#${fy}`

/** The partition of a fiscal year's award review decisions; also the key their version is kept under. */
export const reviewsPartition = (fy: number) => within(PARTITIONS.reviews, fy)
export const reviewKey = (fy: number, subjectId: string): Key => ({ pk: reviewsPartition(fy), sk: subjectId })

/** A fiscal year's certifications: one partition, `V#<0001>` per version. */
export const certificationsPartition = (fy: number) => within(PARTITIONS.certifications, fy)
export const certificationKey = (fy: number, version: number): Key => ({
  pk: certificationsPartition(fy),
  sk: `V#${String(version).padStart(4, '0')}`,
})
/** Where a verification code points: one partition of every code. */
export const certificateCodeKey = (code: string): Key => ({ pk: PARTITIONS.certificateCodes, sk: code })

export const auditKey = (at: string, id: string): Key => ({ pk: PARTITIONS.audit, sk: `${at}#${id}` })
export const subscriptionKey = (id: string): Key => ({ pk: PARTITIONS.subscriptions, sk: id })

/** A month's delivery log is one partition, in version order. */
export const deliveriesPartition = (month: string) => within(PARTITIONS.deliveries, month)
export const deliveryKey = (month: string, version: number, subscriptionId: string): Key => ({
  pk: deliveriesPartition(month),
  sk: `v${String(version).padStart(4, '0')}#${subscriptionId}`,
})

/** The index of report versions: one partition, `M#<month>#V#<0001>`. */
export const reportsPrefix = (month?: string) => (month ? `M#${month}#` : 'M#')
export const reportEntryKey = (month: string, version: number): Key => ({
  pk: PARTITIONS.reports,
  sk: `M#${month}#V#${String(version).padStart(4, '0')}`,
})

/** The run history: one partition, in start order. */
export const runKey = (startedAt: string, runId: string): Key => ({
  pk: PARTITIONS.runs,
  sk: `${startedAt}#${runId}`,
})

/**
 * Earlier counts ("legacy counts") of a month: one partition per month, a figure per source and dataset. Apart
 * from `COUNTS#*`, so no ranking, award or target ever reads them. Also the key their version is kept under.
 */
export const legacyCountsPartition = (month: Month) => within(PARTITIONS.legacyCounts, month)
export const legacyCountKey = (month: Month, source: string, datasetId: string): Key => ({
  pk: legacyCountsPartition(month),
  sk: `${source}#${datasetId}`,
})

/** The running totals a source gave (CKAN tracking snapshots): one partition per source. */
export const legacyTotalsPartition = (source: string) => within(PARTITIONS.legacyTotals, source)
export const legacyTotalKey = (source: string, datasetId: string, month: Month): Key => ({
  pk: legacyTotalsPartition(source),
  sk: `${datasetId}#${month}`,
})
