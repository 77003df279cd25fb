/**
 * Issue 4 benchmark: batch ingest over HTTP against the raw BatchWriteItem rate of the same embedded store,
 * and write units per counted download. Run: `npm run bench -- ingest`.
 */
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { runLoad } from './lib/http-load.js'
import { spawnBenchServer } from './lib/spawn-server.js'
import { quantile, round } from './lib/stats.js'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 30_000)
if (EVENTS % 300 !== 0) throw new Error('BENCH_EVENTS must be a multiple of 300')
const BATCH = 100
const ROUNDS = 3
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36'

const server = await spawnBenchServer()
try {
  // Baseline: the embedded store's own BatchWriteItem rate, items shaped like raw events, same concurrency.
  const client = new DynamoDBClient({
    endpoint: server.dynamodbEndpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  })
  const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
  let nextItem = 0
  const rawRound = async (count: number) => {
    const end = nextItem + count
    const started = performance.now()
    await Promise.all(
      Array.from({ length: CONNECTIONS * 4 }, async () => {
        while (nextItem < end) {
          const base = nextItem
          nextItem += 25
          await client.send(
            new BatchWriteItemCommand({
              RequestItems: {
                [server.tableName]: Array.from({ length: 25 }, (_, j) => ({
                  PutRequest: {
                    Item: {
                      pk: { S: `BENCH#${day}#${(base + j) % 16}` },
                      sk: { S: `raw-${base + j}-0123456789abcdef` },
                      r: { S: server.resources[(base + j) % server.resources.length] as string },
                      d: { S: 'bench-agency-1-ds-1' },
                      a: { S: 'bench-agency-1' },
                      t: { N: String(Date.now()) },
                      c: { S: 'abcdefghijklmnopqrstuv' },
                      ad: { S: 'abcdefghijklmnopqrstuv' },
                      k: { S: 'regular' },
                      ua: { S: UA },
                      rt: { N: String(Date.now()) },
                    },
                  },
                })),
              },
            }),
          )
        }
      }),
    )
    return count / ((performance.now() - started) / 1000)
  }

  // Ingest: POST /v1/events with 100 events per request, over HTTP, through validation, catalog, hashing, dedup.
  const now = Date.now()
  let nextEvent = 0
  const ingestRound = async (count: number) => {
    const first = nextEvent
    nextEvent += count
    const load = await runLoad({
      url: `${server.url}/v1/events`,
      method: 'POST',
      connections: CONNECTIONS,
      total: count / BATCH,
      headers: { 'content-type': 'application/json', 'x-api-key': server.ingestKey },
      body: (i) =>
        JSON.stringify({
          events: Array.from({ length: BATCH }, (_, j) => {
            const n = first + i * BATCH + j
            // Popularity like real traffic: a few resources take most downloads.
            const r = Math.floor((server.resources.length * (n % 97) ** 2) / 97 ** 2)
            return {
              eventId: `bench-${now}-${n}`,
              resourceId: server.resources[r],
              occurredAt: new Date(now - (n % 600) * 1000).toISOString(),
              clientIp: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
              userAgent: n % 10 === 0 ? 'python-requests/2.31' : UA,
            }
          }),
        }),
    })
    if (load.statuses[202] !== count / BATCH)
      throw new Error(`unexpected statuses ${JSON.stringify(load.statuses)}`)
    return count / load.seconds
  }

  // Warm both paths (JIT, connections, the day's salt), then alternate rounds so both see the same machine.
  await fetch(`${server.controlUrl}/reset`)
  await rawRound(1500)
  await ingestRound(1500)

  const rawRates: number[] = []
  const ingestRates: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    rawRates.push(await rawRound(EVENTS / ROUNDS))
    ingestRates.push(await ingestRound(EVENTS / ROUNDS))
  }
  client.destroy()
  const rawRate = quantile(rawRates, 0.5)
  const ingestRate = quantile(ingestRates, 0.5)
  const { writeUnits } = (await (await fetch(`${server.controlUrl}/rollup`)).json()) as { writeUnits: number }

  const token = (await (
    await fetch(`${server.url}/v1/dev/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'dga_admin' }),
    })
  ).json()) as { token: string }
  const month = new Date(now + 7 * 3600_000).toISOString().slice(0, 7)
  const ranking = (await (
    await fetch(`${server.url}/v1/rankings/agencies?month=${month}`, {
      headers: { authorization: `Bearer ${token.token}` },
    })
  ).json()) as { items: { downloads: number }[] }
  const counted = ranking.items.reduce((sum, i) => sum + i.downloads, 0)

  const ratio = ingestRate / rawRate
  const wcu = writeUnits / counted
  console.log(`events: ${EVENTS} in batches of ${BATCH}, ${CONNECTIONS} connections`)
  const list = (rates: number[]) => rates.map((r) => Math.round(r)).join(', ')
  console.log(
    `raw BatchWriteItem rate (baseline): ${Math.round(rawRate)} items/s (median; rounds: ${list(rawRates)})`,
  )
  console.log(
    `ingest over HTTP:                   ${Math.round(ingestRate)} events/s (median; rounds: ${list(ingestRates)})`,
  )
  console.log(
    `ingest / baseline:                  ${round(ratio * 100, 1)} % (target ≥ 50 %) ${ratio >= 0.5 ? 'PASS' : 'FAIL'}`,
  )
  console.log(`write units (ingest + rollup):      ${round(writeUnits, 1)} for ${counted} counted downloads`)
  console.log(
    `write units per counted download:   ${round(wcu, 3)} (target ≤ 1.5) ${wcu <= 1.5 ? 'PASS' : 'FAIL'}`,
  )
} finally {
  await server.stop()
}
