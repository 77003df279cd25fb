import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import { targetKey, targetsPartition } from './keys.js'
import { bumpVersions } from './versions.js'

/** A download target DGA set for an agency and fiscal year. */
export interface StoredTarget {
  fy: number
  agencyId: string
  downloads: number
  setBy: string
  setAt: string
}

/** Sets (replaces) an agency's target for a fiscal year. */
export async function putTarget(target: StoredTarget): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: table(), Item: { ...targetKey(target.fy, target.agencyId), ...target } }),
  )
  await bumpVersions([targetsVersionKey(target.fy)])
}

/** Removes an agency's target for a fiscal year (it falls back to the default); answers what was removed. */
export async function deleteTarget(fy: number, agencyId: string): Promise<StoredTarget | undefined> {
  const out = await dynamo().send(
    new DeleteCommand({ TableName: table(), Key: targetKey(fy, agencyId), ReturnValues: 'ALL_OLD' }),
  )
  if (!out.Attributes) return undefined
  await bumpVersions([targetsVersionKey(fy)])
  const { pk: _pk, sk: _sk, ...target } = out.Attributes
  return target as StoredTarget
}

/** The version key of a fiscal year's targets (see versions.ts). */
export const targetsVersionKey = targetsPartition

/** The target DGA set for an agency and fiscal year, if any. */
export async function getTarget(fy: number, agencyId: string): Promise<StoredTarget | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: table(), Key: targetKey(fy, agencyId) }))
  if (!out.Item) return undefined
  const { pk: _pk, sk: _sk, ...target } = out.Item
  return target as StoredTarget
}

/** Every target DGA set for a fiscal year, keyed by agency. */
export async function listTargets(fy: number): Promise<Map<string, StoredTarget>> {
  const items = await queryPartition(targetsPartition(fy))
  return new Map(items.map(({ pk: _pk, sk, ...t }) => [sk as string, t as unknown as StoredTarget]))
}
