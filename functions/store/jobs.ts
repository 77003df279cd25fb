import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { config } from '../config.js'

let client: LambdaClient | undefined

/** Starts the catalog-sync function without waiting for it (its result is kept as the last sync result). */
export async function startCatalogSyncJob(functionName: string, requestedBy: string): Promise<void> {
  const { region, lambdaEndpoint } = config()
  client ??= new LambdaClient({ region, ...(lambdaEndpoint ? { endpoint: lambdaEndpoint } : {}) })
  const out = await client.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'Event',
      Payload: new TextEncoder().encode(JSON.stringify({ requestedBy })),
    }),
  )
  if (out.StatusCode !== 202) throw new Error(`The catalog sync did not start (status ${out.StatusCode})`)
}

/** Drops the client (after the configuration changed). */
export function resetJobsClient(): void {
  client?.destroy()
  client = undefined
}
