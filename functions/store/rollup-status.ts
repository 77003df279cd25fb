import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { dynamo, table } from './clients.js'
import { rollupStatusKey } from './keys.js'

/** The last rollup that finished: every download acknowledged before it started is counted. */
export interface RollupStatus {
  startedAt: number
  finishedAt: number
}

/** Records the rollup that just finished (the counting lag and its alarm read it). */
export async function saveRollupStatus(status: RollupStatus): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: table(), Item: { ...rollupStatusKey, ...status } }))
}

/** The last rollup that finished, or undefined before the first. */
export async function getRollupStatus(): Promise<RollupStatus | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: rollupStatusKey }))
  return Item ? { startedAt: Item.startedAt as number, finishedAt: Item.finishedAt as number } : undefined
}
