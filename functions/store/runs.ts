import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { Run } from '../../shared/runs.js'
import { dynamo, table } from './clients.js'
import { PARTITIONS, runKey } from './keys.js'

/**
 * The run history (`pk = RUN`, `sk = <startedAt>#<runId>`): one item per run, written when it starts and again
 * after each step by the one process running it, so DGA sees a run that died midway as `running`.
 */
export async function saveRun(run: Run): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: table(), Item: { ...runKey(run.startedAt, run.runId), ...run } }),
  )
}

/** The most recent runs, newest first. */
export async function listRuns(limit = 50): Promise<Run[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PARTITIONS.runs },
      ScanIndexForward: false,
      Limit: limit,
      ConsistentRead: true,
    }),
  )
  return (out.Items ?? []).map(({ pk: _pk, sk: _sk, ...rest }) => rest as Run)
}
