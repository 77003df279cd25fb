import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { config } from '../config.js'

let client: LambdaClient | undefined

/** Starts a job function without waiting for it (an asynchronous invocation, retried by Lambda). */
async function startJob(functionName: string, payload: object, what: string): Promise<void> {
  const { region, lambdaEndpoint } = config()
  client ??= new LambdaClient({ region, ...(lambdaEndpoint ? { endpoint: lambdaEndpoint } : {}) })
  const out = await client.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'Event',
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    }),
  )
  if (out.StatusCode !== 202) throw new Error(`The ${what} did not start (status ${out.StatusCode})`)
}

/** Starts the catalog-sync function (its result is kept as the last sync result). */
export function startCatalogSyncJob(functionName: string, requestedBy: string): Promise<void> {
  return startJob(functionName, { requestedBy }, 'catalog sync')
}

/** Starts the monthly function for `month`'s report only, on demand: no recount, no emails. */
export function startReportJob(functionName: string, month: string, requestedBy: string): Promise<void> {
  return startJob(functionName, { month, requestedBy, steps: ['report'] }, 'report')
}

/** Starts the monthly function for some steps of a month (a recount under other rules: recount and report). */
export function startMonthlyJob(
  functionName: string,
  month: string,
  steps: readonly string[],
  requestedBy: string,
): Promise<void> {
  return startJob(functionName, { month, requestedBy, steps }, 'monthly run')
}

/** Drops the client (after the configuration changed). */
export function resetJobsClient(): void {
  client?.destroy()
  client = undefined
}
