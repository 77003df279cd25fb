import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import {
  addCounts,
  COUNT_FIELDS,
  type CountField,
  type Counts,
  isZeroCounts,
  ZERO_COUNTS,
} from '../../shared/counting/count-day.js'
import {
  type CountsById,
  emptyPeriodCounts,
  type PeriodCounts,
  SUBJECTS,
  type SubjectCounts,
} from '../../shared/counting/period-counts.js'
import type { Day } from '../../shared/time.js'
import { mapLimit } from '../util/concurrency.js'
import { batchGet, batchWrite, queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import { noteCountChanges } from './count-changes.js'
import {
  countsPartition,
  countsPrefix,
  countsSk,
  type Key,
  type Period,
  parseCountsSk,
  type Subject,
} from './keys.js'
import { bumpVersions, getVersion } from './versions.js'

export type { Period, Subject } from './keys.js'

/** A portal's downloads are stored as a number attribute of their own, so an update can ADD to it. */
const PORTAL_ATTRIBUTE = 'p@'

/** Stored count attributes as counts (the portal breakdown from its `p@<portal>` attributes). */
export function toCounts(item: Record<string, unknown>): SubjectCounts {
  const c: SubjectCounts = { ...ZERO_COUNTS }
  for (const f of COUNT_FIELDS) c[f] = Number(item[f] ?? 0)
  const byPortal: Record<string, number> = {}
  for (const [k, v] of Object.entries(item)) {
    if (k.startsWith(PORTAL_ATTRIBUTE) && Number(v) !== 0)
      byPortal[k.slice(PORTAL_ATTRIBUTE.length)] = Number(v)
  }
  if (Object.keys(byPortal).length > 0) c.byPortal = byPortal
  if (typeof item.agencyId === 'string') c.agencyId = item.agencyId
  return c
}

/** Counts as stored attributes: the numbers, each portal's downloads apart, and the dataset's agency. */
export function countAttributes(c: SubjectCounts): Record<string, unknown> {
  const { byPortal, ...rest } = c
  const portals = Object.entries(byPortal ?? {}).map(([p, n]) => [`${PORTAL_ATTRIBUTE}${p}`, n])
  return { ...rest, ...Object.fromEntries(portals) }
}

/** Stored count items as a period's counts, by subject and id. */
function fromItems(items: readonly Record<string, unknown>[]): PeriodCounts {
  const counts = emptyPeriodCounts()
  for (const item of items) {
    const whose = parseCountsSk(item.sk as string)
    if (whose) counts[whose.subject].set(whose.id, toCounts(item))
  }
  return counts
}

/** The items of a period's counts: one per agency and dataset. */
function* itemsOf(counts: PeriodCounts): Generator<[Key['sk'], SubjectCounts]> {
  for (const subject of SUBJECTS) for (const [id, c] of counts[subject]) yield [countsSk(subject, id), c]
}

/** Every stored count of a period (agencies and datasets with any activity). */
export async function getPeriodCounts(period: Period): Promise<PeriodCounts> {
  return fromItems(await queryPartition(countsPartition(period)))
}

/** One subject's stored counts of a period, by id. */
export async function getSubjectCounts(period: Period, subject: Subject): Promise<CountsById> {
  return fromItems(await queryPartition(countsPartition(period), countsPrefix(subject)))[subject]
}

/**
 * Some datasets' counts in some months or other periods, by point reads (never a whole period): the value for
 * period `i` and dataset `id` is `result[i].get(id)` (absent: no activity).
 */
export function getDatasetCountsIn(
  periods: readonly Period[],
  datasetIds: readonly string[],
): Promise<CountsById[]> {
  return getCountsIn('datasets', periods, datasetIds)
}

/** Some agencies' or datasets' counts in some periods (days, months…), by point reads, as getDatasetCountsIn. */
export async function getCountsIn(
  subject: Subject,
  periods: readonly Period[],
  ids: readonly string[],
): Promise<CountsById[]> {
  const pks = periods.map(countsPartition)
  const items = await batchGet(pks.flatMap((pk) => ids.map((id) => ({ pk, sk: countsSk(subject, id) }))))
  return pks.map((pk) => fromItems(items.filter((i) => i.pk === pk))[subject])
}

/** The key a period's counts are versioned under (see store/versions.ts). */
export const countsVersionKey = (period: Period): string => countsPartition(period)

/**
 * Writes a day's recount: `changes` (from `periodCountChanges`) names the subjects whose counts moved; each is
 * put with its new counts, or deleted when it has none left.
 */
export async function writeDayCounts(day: Day, next: PeriodCounts, changes: PeriodCounts): Promise<void> {
  const pk = countsPartition({ day })
  await batchWrite(
    SUBJECTS.flatMap((subject) =>
      [...changes[subject].keys()].map((id) => {
        const sk = countsSk(subject, id)
        const counts = next[subject].get(id)
        return counts && !isZeroCounts(counts)
          ? { PutRequest: { Item: { pk, sk, ...countAttributes(counts) } } }
          : { DeleteRequest: { Key: { pk, sk } } }
      }),
    ),
  )
}

/**
 * The update that adds `delta` to a stored count with `ADD` (nothing read first): every count field but those
 * `skip`ped, each portal's downloads (`p@<portal>`), and the owning agency.
 */
export function addCountsExpression(delta: SubjectCounts, skip: readonly CountField[] = []) {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  const adds = COUNT_FIELDS.filter((f) => !skip.includes(f)).map((f, i) => {
    names[`#f${i}`] = f
    values[`:v${i}`] = delta[f]
    return `#f${i} :v${i}`
  })
  Object.entries(delta.byPortal ?? {}).forEach(([portal, n], i) => {
    names[`#p${i}`] = `${PORTAL_ATTRIBUTE}${portal}`
    values[`:p${i}`] = n
    adds.push(`#p${i} :p${i}`)
  })
  const set = delta.agencyId ? ' SET agencyId = :a' : ''
  if (delta.agencyId) values[':a'] = delta.agencyId
  return {
    UpdateExpression: `ADD ${adds.join(', ')}${set}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }
}

async function addToItem(pk: string, sk: string, delta: SubjectCounts) {
  await dynamo().send(
    new UpdateCommand({ TableName: table(), Key: { pk, sk }, ...addCountsExpression(delta) }),
  )
}

/**
 * Above this many changed subjects in one period, the period is read once and written back in batches of
 * 25 instead of one update per subject (a rollup of many days, such as the demo's 13 months, changes
 * thousands). Safe because only the rollup, holding its lease, writes month and fiscal-year counts.
 */
const BULK_UPDATE_THRESHOLD = 64

/**
 * Adds differences to periods' counts (a month's and a fiscal year's, after their days were counted). With
 * `bulk` (the default) a period with many changes is read once and written back in batches; without it every
 * change is an `ADD` update, and nothing is read.
 */
export async function addToPeriodCounts(
  additions: readonly { period: Period; delta: PeriodCounts }[],
  { bulk = true }: { bulk?: boolean } = {},
): Promise<void> {
  const writes = additions
    .map(({ period, delta }) => ({
      period,
      pk: countsPartition(period),
      updates: [...itemsOf(delta)].filter(([, c]) => !isZeroCounts(c)),
    }))
    .filter((w) => w.updates.length > 0)
  await Promise.all(
    writes.map(async ({ period, pk, updates }) => {
      await noteNextChanges(period, {
        sks: updates.map(([sk]) => sk),
      })
      if (!bulk || updates.length < BULK_UPDATE_THRESHOLD) {
        await mapLimit(updates, 16, ([sk, c]) => addToItem(pk, sk, c))
        return
      }
      const current = new Map((await queryPartition(pk)).map((item) => [item.sk as string, toCounts(item)]))
      await batchWrite(
        updates.map(([sk, c]) => {
          const before = current.get(sk)
          const owner = c.agencyId ?? before?.agencyId
          const sum: Counts = addCounts(before ?? ZERO_COUNTS, c)
          const item = { pk, sk, ...countAttributes(sum), ...(owner ? { agencyId: owner } : {}) }
          return { PutRequest: { Item: item } }
        }),
      )
    }),
  )
  // Only periods that changed: a new version makes every API process rebuild what it built from them.
  await bumpVersions(writes.map((w) => w.pk))
}

/**
 * Notes what the next version of a month's or fiscal year's counts changes, before the counts are written (see
 * store/count-changes.ts). Only the rollup, holding its lease, writes those counts, so the next version is the
 * current one plus one.
 */
async function noteNextChanges(period: Period, change: { sks: readonly string[] } | { whole: true }) {
  if ('day' in period) return
  const version = await getVersion(countsVersionKey(period))
  await noteCountChanges(period, version + 1, change)
}

/** Overwrites a whole period's counts (used when a month is recomputed from raw events). */
export async function replacePeriodCounts(period: Period, next: PeriodCounts): Promise<void> {
  const pk = countsPartition(period)
  await noteNextChanges(period, { whole: true })
  const prev = new Set((await queryPartition(pk)).map((i) => i.sk as string))
  const items = [...itemsOf(next)]
  const keep = new Set(items.map(([sk]) => sk))
  await batchWrite([
    ...[...prev].filter((sk) => !keep.has(sk)).map((sk) => ({ DeleteRequest: { Key: { pk, sk } } })),
    ...items.map(([sk, counts]) => ({ PutRequest: { Item: { pk, sk, ...countAttributes(counts) } } })),
  ])
  if (!('day' in period)) await bumpVersions([pk])
}
