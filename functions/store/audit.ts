import { randomUUID } from 'node:crypto'
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { clock } from '../clock.js'
import { dynamo, table } from './clients.js'
import { auditKey, PARTITIONS } from './keys.js'

/** A privileged action: who did what to which thing, and when. */
export interface AuditEntry {
  at: string
  actor: string
  action: string
  target: string
  detail?: Record<string, unknown>
}

/** Records a privileged action (target and programme changes, report runs, syncs, subscriptions). */
export async function recordAudit(entry: Omit<AuditEntry, 'at'>, now = clock.now()): Promise<AuditEntry> {
  const full: AuditEntry = { at: new Date(now).toISOString(), ...entry }
  await dynamo().send(
    new PutCommand({ TableName: table(), Item: { ...auditKey(full.at, randomUUID()), ...full } }),
  )
  return full
}

/** The most recent audit entries, newest first. */
export async function listAudit(limit = 100): Promise<AuditEntry[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PARTITIONS.audit },
      ScanIndexForward: false,
      Limit: limit,
    }),
  )
  return (out.Items ?? []).map(({ pk: _pk, sk: _sk, ...rest }) => rest as AuditEntry)
}
