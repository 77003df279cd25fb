import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { queryAll } from './batch.js'
import { dynamo, table } from './clients.js'
import {
  countChangesKey,
  countChangesPartition,
  countChangesSk,
  countsSk,
  type Period,
  parseCountsSk,
  type Subject,
} from './keys.js'

/**
 * Change lists of month and fiscal-year counts: for each version of a period's counts, which agencies and
 * datasets it changed, so a reader that holds the counts of an earlier version rereads those items only (a
 * rollup moves a few hundred of a national period's 100,000 items a minute) instead of the whole period.
 *
 * Written by the only writer of those counts (the rollup, holding its lease) before it writes the counts, and
 * kept under the version the write leads to; the version is moved after the counts are written. A rollup
 * killed between the two leaves the list (with `ADD`, a retry adds its ids to it) and the version unmoved, so
 * whoever writes next records into the same version. A period's counts replaced whole (a recount) are marked
 * `whole`: readers read them whole again. Lists are kept two days (TTL); a reader further behind reads whole.
 */

const KEEP_SECONDS = 2 * 86_400

/**
 * Records, before they are written, the count items of `period` the next version changes (`sks`: count sort
 * keys), or that it replaces the counts whole.
 */
export async function noteCountChanges(
  period: Period,
  version: number,
  change: { sks: readonly string[] } | { whole: true },
  now = Date.now(),
): Promise<void> {
  const expiresAt = Math.floor(now / 1000) + KEEP_SECONDS
  const values: Record<string, unknown> = { ':x': expiresAt }
  let update = 'SET expiresAt = :x'
  if ('whole' in change) {
    update += ', whole = :w'
    values[':w'] = true
  } else if (change.sks.length > 0) {
    update += ' ADD sks :s'
    values[':s'] = new Set(change.sks)
  }
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: countChangesKey(period, version),
      UpdateExpression: update,
      ExpressionAttributeValues: values,
    }),
  )
}

/**
 * What changed in a subject's counts of `period` after version `from` up to version `to`: the ids whose items
 * to reread, or `undefined` when the counts must be read whole (a version without its list: written before
 * lists were kept, or expired; or counts replaced whole).
 */
export async function countChangesBetween(
  period: Period,
  subject: Subject,
  from: number,
  to: number,
): Promise<string[] | undefined> {
  if (to <= from) return []
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: {
      ':pk': countChangesPartition(period),
      ':a': countChangesSk(from + 1),
      ':b': countChangesSk(to),
    },
    ConsistentRead: true,
  })
  if (items.length !== to - from || items.some((i) => i.whole === true)) return undefined
  const prefix = countsSk(subject, '')
  const ids = new Set<string>()
  for (const item of items) {
    for (const sk of (item.sks as Set<string> | undefined) ?? []) {
      if (sk.startsWith(prefix)) ids.add((parseCountsSk(sk) as { id: string }).id)
    }
  }
  return [...ids]
}
