import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb'
import { dynamo, table } from './clients.js'

type Item = Record<string, unknown>
export type Key = { pk: string; sk: string }
type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number]

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/** Whether a write was refused by its condition (the expected outcome of a race, not a failure). */
export function isConditionFailed(err: unknown): boolean {
  return (err as Error)?.name === 'ConditionalCheckFailedException'
}

/**
 * Writes put/delete requests in batches of 25, in parallel, resending unprocessed items with backoff
 * until every one is written (so an acknowledged write is never silently dropped).
 */
export async function batchWrite(requests: readonly WriteRequest[]): Promise<void> {
  await Promise.all(
    chunks(requests, 25).map(async (chunk) => {
      let pending: WriteRequest[] = chunk
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt) * Math.random())
        if (attempt > 12) throw new Error('DynamoDB kept returning unprocessed items')
        const out = await dynamo().send(
          new BatchWriteCommand({
            RequestItems: { [table()]: pending },
          }),
        )
        pending = (out.UnprocessedItems?.[table()] ?? []) as WriteRequest[]
      }
    }),
  )
}

/** Puts items in batches. */
export function batchPut(items: readonly Item[]): Promise<void> {
  return batchWrite(items.map((Item) => ({ PutRequest: { Item } })))
}

/** Reads items by key in batches of 100 (strongly consistent), resending unprocessed keys. */
export async function batchGet(keys: readonly Key[], projection?: string): Promise<Item[]> {
  const results = await Promise.all(
    chunks(keys, 100).map(async (chunk) => {
      const found: Item[] = []
      let pending: Key[] = chunk
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt) * Math.random())
        if (attempt > 12) throw new Error('DynamoDB kept returning unprocessed keys')
        const out = await dynamo().send(
          new BatchGetCommand({
            RequestItems: {
              [table()]: {
                Keys: pending,
                ConsistentRead: true,
                ...(projection ? { ProjectionExpression: projection } : {}),
              },
            },
          }),
        )
        found.push(...(out.Responses?.[table()] ?? []))
        pending = (out.UnprocessedKeys?.[table()]?.Keys ?? []) as Key[]
      }
      return found
    }),
  )
  return results.flat()
}

/** Reads every item of a query, following pages. */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
  const items: Item[] = []
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const out = await dynamo().send(new QueryCommand({ ...input, TableName: table(), ExclusiveStartKey }))
    items.push(...(out.Items ?? []))
    ExclusiveStartKey = out.LastEvaluatedKey
  } while (ExclusiveStartKey)
  return items
}

/**
 * Every item of one partition, optionally those whose sort key begins with a prefix. Reads are strongly
 * consistent: the rollup reads what it wrote a moment ago and writes differences from it, and the read API
 * caches what it reads, so the extra read cost buys correctness where it matters.
 */
export function queryPartition(pk: string, skPrefix?: string): Promise<Item[]> {
  return queryAll(
    skPrefix === undefined
      ? { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }
      : {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': pk, ':p': skPrefix },
          ConsistentRead: true,
        },
  )
}
