import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { AwardProgramme } from '../../shared/awards.js'
import { dynamo, table } from './clients.js'
import { programmeKey, programmeVersion } from './keys.js'
import { bumpVersions } from './versions.js'

/** An award programme DGA set for a fiscal year, with who set it and when. */
export interface StoredProgramme {
  fy: number
  programme: AwardProgramme
  setBy: string
  setAt: string
}

/** Sets (replaces) the award programme of a fiscal year; earlier versions stay in the audit log. */
export async function putAwardProgramme(stored: StoredProgramme): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: table(), Item: { ...programmeKey(stored.fy), ...stored } }))
  await bumpVersions([programmeVersionKey(stored.fy)])
}

/** The version key of a fiscal year's programme (see versions.ts). */
export const programmeVersionKey = programmeVersion

/** The award programme DGA set for a fiscal year, if any (otherwise the default applies). */
export async function getAwardProgramme(fy: number): Promise<StoredProgramme | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: table(), Key: programmeKey(fy) }))
  if (!out.Item) return undefined
  const { pk: _pk, sk: _sk, ...stored } = out.Item
  return stored as StoredProgramme
}
