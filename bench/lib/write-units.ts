import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
])

type Capacity = { CapacityUnits?: number }

/**
 * Counts the write units a client's writes consume, by asking DynamoDB for them on every write (middleware on
 * the client, so the product's code carries no benchmark counters).
 */
export function countWriteUnits(client: DynamoDBDocumentClient) {
  const consumed = { writeUnits: 0 }
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!WRITES.has(context.commandName ?? '')) return next(args)
      const input = args.input as { ReturnConsumedCapacity?: string }
      input.ReturnConsumedCapacity ??= 'TOTAL'
      const result = await next(args)
      const capacity = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity
      for (const c of [capacity ?? []].flat()) consumed.writeUnits += c.CapacityUnits ?? 0
      return result
    },
    { step: 'initialize', name: 'benchWriteUnits', override: true },
  )
  return consumed
}
