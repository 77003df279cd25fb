import { beforeAll, describe, expect, it } from 'vitest'
import { handler as apiHandler } from '../../functions/api/lambda.js'
import { clock } from '../../functions/clock.js'
import { handler as ingestHandler } from '../../functions/ingest/lambda.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { BROWSER_UA, bearer, INGEST_KEY } from '../fixtures/http.js'
import { apiGatewayV2Event, lambdaContext } from '../fixtures/lambda-event.js'

const catalog = buildCatalog(2, 1)
beforeAll(() => storeCatalog(catalog))

describe('the Lambda handlers (API Gateway v2 events)', () => {
  it('ingest handler records events posted through API Gateway', async () => {
    const event = apiGatewayV2Event({
      method: 'POST',
      path: '/v1/events',
      headers: { 'content-type': 'application/json', 'x-api-key': INGEST_KEY, 'user-agent': BROWSER_UA },
      body: JSON.stringify({ events: [{ resourceId: 'resource-2-1', eventId: 'lambda-1' }] }),
    })
    const result = (await ingestHandler(event, lambdaContext)) as { statusCode: number; body: string }
    expect(result.statusCode).toBe(202)
    expect(JSON.parse(result.body)).toEqual({ accepted: 1, duplicates: 0, rejected: [] })
  })

  it('ingest handler redirects a download and hashes the source IP of the request context', async () => {
    const event = apiGatewayV2Event({
      method: 'GET',
      path: '/d/resource-1-1',
      headers: { 'user-agent': BROWSER_UA },
    })
    const result = (await ingestHandler(event, lambdaContext)) as {
      statusCode: number
      headers: Record<string, string>
    }
    expect(result.statusCode).toBe(302)
    expect(result.headers.location).toBe(catalog.resources[0]?.url)
  })

  it('api handler answers the ranking with what was ingested', async () => {
    await runRollup()
    const month = new Date(clock.now() + 7 * 3600_000).toISOString().slice(0, 7)
    const event = apiGatewayV2Event({
      method: 'GET',
      path: '/v1/rankings/agencies',
      query: `month=${month}`,
      headers: await bearer('dga_admin'),
    })
    const result = (await apiHandler(event, lambdaContext)) as { statusCode: number; body: string }
    expect(result.statusCode).toBe(200)
    const body = JSON.parse(result.body) as { items: { agencyId: string; downloads: number }[] }
    expect(body.items.map((i) => [i.agencyId, i.downloads])).toEqual([
      ['agency-1', 1],
      ['agency-2', 1],
    ])
  })

  it('api handler answers 401 without a token', async () => {
    const event = apiGatewayV2Event({ method: 'GET', path: '/v1/rankings/agencies', query: 'month=2022-11' })
    const result = (await apiHandler(event, lambdaContext)) as { statusCode: number }
    expect(result.statusCode).toBe(401)
  })
})
