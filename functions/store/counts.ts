import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import {
  addCounts,
  COUNT_FIELDS,
  type Counts,
  isZeroCounts,
  ZERO_COUNTS,
} from '../../shared/counting/count-day.js'
import { type Day, fiscalYearOfMonth, type Month } from '../../shared/time.js'
import { batchGet, batchWrite, consumed, mapLimit, queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import { bumpVersions } from './versions.js'

/** A period counts are kept for: a Bangkok day, a Bangkok month, or a Thai fiscal year. */
export type Period = { day: Day } | { month: Month } | { fy: number }

/** Counts of one subject in a period; `agencyId` is set on datasets. */
export type SubjectCounts = Counts & { agencyId?: string }

/** Counts of a period, keyed `A#<agencyId>` and `D#<datasetId>`. */
export type PeriodCounts = Map<string, SubjectCounts>

function periodPk(period: Period): string {
  if ('day' in period) return `COUNTS#D#${period.day}`
  if ('month' in period) return `COUNTS#M#${period.month}`
  return `COUNTS#FY#${period.fy}`
}

function toCounts(item: Record<string, unknown>): SubjectCounts {
  const c: SubjectCounts = { ...ZERO_COUNTS }
  for (const f of COUNT_FIELDS) c[f] = Number(item[f] ?? 0)
  if (typeof item.agencyId === 'string') c.agencyId = item.agencyId
  return c
}

/** Every stored count of a period (agencies and datasets with any activity), or only `A#` or `D#` ones. */
export async function getPeriodCounts(period: Period, subject?: 'A' | 'D'): Promise<PeriodCounts> {
  const items = await queryPartition(periodPk(period), subject && `${subject}#`)
  return new Map(items.map((i) => [i.sk as string, toCounts(i)]))
}

/** The key a period's counts and version are stored under. */
export const periodKey = (period: Period): string => periodPk(period)

/** Counts of some subjects in some periods by point reads, keyed `<periodKey>|<sk>` (absent: no activity). */
export async function getSubjectCounts(periods: readonly Period[], sks: readonly string[]) {
  const items = await batchGet(periods.flatMap((p) => sks.map((sk) => ({ pk: periodPk(p), sk }))))
  return new Map(items.map((i) => [`${i.pk}|${i.sk}`, toCounts(i)]))
}

function difference(next: SubjectCounts | undefined, prev: SubjectCounts | undefined): Counts {
  const d: Counts = { ...ZERO_COUNTS }
  for (const f of COUNT_FIELDS) d[f] = (next?.[f] ?? 0) - (prev?.[f] ?? 0)
  return d
}

async function addToPeriod(pk: string, sk: string, delta: Counts, agencyId: string | undefined) {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  const adds = COUNT_FIELDS.map((f, i) => {
    names[`#f${i}`] = f
    values[`:v${i}`] = delta[f]
    return `#f${i} :v${i}`
  })
  const set = agencyId ? ' SET agencyId = :a' : ''
  if (agencyId) values[':a'] = agencyId
  const out = await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: { pk, sk },
      UpdateExpression: `ADD ${adds.join(', ')}${set}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  )
  consumed.writeUnits += out.ConsumedCapacity?.CapacityUnits ?? 0
}

/** Changes to add to month and fiscal-year counts, keyed `<pk>|<sk>`. */
export type CountDeltas = Map<string, { delta: Counts; agencyId: string | undefined }>

/**
 * Replaces a day's counts (only subjects whose counts changed are written) and adds the differences to
 * `deltas`, for the month and fiscal year, so those stay the sum of their days without rereading them.
 */
export async function replaceDayCounts(
  day: Day,
  next: PeriodCounts,
  prev: PeriodCounts,
  deltas: CountDeltas,
) {
  const month = day.slice(0, 7)
  const keys = [...new Set([...next.keys(), ...prev.keys()])]
  const changed = keys
    .map((sk) => ({ sk, delta: difference(next.get(sk), prev.get(sk)), agencyId: next.get(sk)?.agencyId }))
    .filter((c) => !isZeroCounts(c.delta))
  const dayPk = periodPk({ day })
  await batchWrite(
    changed.map(({ sk }) => {
      const counts = next.get(sk)
      return counts && !isZeroCounts(counts)
        ? { PutRequest: { Item: { pk: dayPk, sk, ...counts } } }
        : { DeleteRequest: { Key: { pk: dayPk, sk } } }
    }),
  )
  for (const pk of [periodPk({ month }), periodPk({ fy: fiscalYearOfMonth(month) })]) {
    for (const { sk, delta, agencyId } of changed) {
      const key = `${pk}|${sk}`
      const prevDelta = deltas.get(key)
      deltas.set(key, {
        delta: prevDelta ? addCounts(prevDelta.delta, delta) : delta,
        agencyId: agencyId ?? prevDelta?.agencyId,
      })
    }
  }
  return changed.length
}

/**
 * Above this many changed subjects in one period, the period is read once and written back in batches of
 * 25 instead of one update per subject (a rollup of many days, such as the demo's 13 months, changes
 * thousands). Safe because only the rollup, holding its lease, writes month and fiscal-year counts.
 */
const BULK_UPDATE_THRESHOLD = 64

/** Adds accumulated differences to month and fiscal-year counts. */
export async function applyCountDeltas(deltas: CountDeltas): Promise<void> {
  const byPeriod = new Map<string, [string, Counts, string | undefined][]>()
  for (const [key, { delta, agencyId }] of deltas) {
    if (isZeroCounts(delta)) continue
    const [pk, sk] = key.split('|') as [string, string]
    const list = byPeriod.get(pk) ?? []
    list.push([sk, delta, agencyId])
    byPeriod.set(pk, list)
  }
  await Promise.all(
    [...byPeriod].map(async ([pk, updates]) => {
      if (updates.length < BULK_UPDATE_THRESHOLD) {
        await mapLimit(updates, 16, ([sk, delta, agencyId]) => addToPeriod(pk, sk, delta, agencyId))
        return
      }
      const current = new Map((await queryPartition(pk)).map((i) => [i.sk as string, toCounts(i)]))
      await batchWrite(
        updates.map(([sk, delta, agencyId]) => {
          const before = current.get(sk)
          const owner = agencyId ?? before?.agencyId
          const Item = {
            pk,
            sk,
            ...addCounts(before ?? ZERO_COUNTS, delta),
            ...(owner ? { agencyId: owner } : {}),
          }
          return { PutRequest: { Item } }
        }),
      )
    }),
  )
  await bumpVersions([...byPeriod.keys()])
}

/** Overwrites a whole period's counts (used when a month is recomputed from raw events). */
export async function replacePeriodCounts(period: Period, next: PeriodCounts): Promise<void> {
  const pk = periodPk(period)
  const prev = await getPeriodCounts(period)
  const deletes = [...prev.keys()].filter((sk) => !next.has(sk))
  await batchWrite([
    ...deletes.map((sk) => ({ DeleteRequest: { Key: { pk, sk } } })),
    ...[...next].map(([sk, counts]) => ({ PutRequest: { Item: { pk, sk, ...counts } } })),
  ])
  if (!('day' in period)) await bumpVersions([pk])
}
