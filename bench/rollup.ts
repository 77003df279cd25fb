/**
 * Issue 19 benchmark: what an incremental rollup reads per new event as the day grows. For each size, the day
 * holds that many events (written with BatchWriteItem: raw events and the rollup's copies by address, as a
 * day counted incrementally holds them, and the day's count items with their busiest addresses), then 100 new
 * downloads are stored through the product's `saveEvents` and one rollup counts them. Units come from
 * DynamoDB's `ReturnConsumedCapacity` on every call the product makes. Run: `npm run bench -- rollup`
 * (`BENCH_SIZES=10000,100000,1000000` to choose the sizes).
 */
import { startBenchStore } from './lib/bench-store.js'

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number)
const NEW_EVENTS = 100
const EVENTS_PER_ADDRESS = 5
const DATASETS = 5_000
const AGENCIES = 500
const NOW = '2026-12-02T15:00:00+07:00'

const store = await startBenchStore('rollup', NOW)
const { clock } = await import('../functions/clock.js')
const { dynamo } = await import('../functions/store/clients.js')
const { ensureTable } = await import('../functions/store/setup.js')
const { saveEvents } = await import('../functions/store/events.js')
const { saveSliceEvents, markDayReady, putLiveCounts } = await import('../functions/store/slices.js')
const { runRollup } = await import('../functions/jobs/rollup.js')
const { ZERO_COUNTS } = await import('../shared/counting/count-day.js')
const { bangkokDay } = await import('../shared/time.js')

type Capacity = { CapacityUnits?: number }
const usage = { items: 0, readUnits: 0, writeUnits: 0 }
/** Items read and write units by where they went (command, index or partition family), to show where they go. */
const itemsBySource = new Map<string, number>()
const writesBySource = new Map<string, number>()
/** The partition family a read asked for: its key without the day, shard and ids. */
function sourceOf(command: string, input: Record<string, unknown>): string {
  const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined
  type Request = { Keys?: { pk?: string }[] } & { PutRequest?: { Item: { pk?: string } } }[]
  const request = Object.values((input.RequestItems ?? {}) as Record<string, Request>)[0]
  const pk =
    (values?.[':pk'] as string | undefined) ??
    (input.Key as { pk?: string } | undefined)?.pk ??
    (input.Item as { pk?: string } | undefined)?.pk ??
    request?.Keys?.[0]?.pk ??
    request?.[0]?.PutRequest?.Item.pk ??
    ''
  const family = input.IndexName ? `index ${input.IndexName}` : pk.replace(/#\d{4}-\d{2}(-\d{2})?.*$/, '#…')
  return `${command.replace('Command', '')} ${family}`
}
const READS = new Set(['QueryCommand', 'GetItemCommand', 'BatchGetItemCommand', 'ScanCommand'])
dynamo().middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as { ReturnConsumedCapacity?: string }
    input.ReturnConsumedCapacity ??= 'TOTAL'
    const result = await next(args)
    const out = result.output as {
      ConsumedCapacity?: Capacity | Capacity[]
      Count?: number
      Responses?: Record<string, unknown[]>
      Item?: unknown
    }
    const units = [out.ConsumedCapacity ?? []].flat().reduce((n, c) => n + (c.CapacityUnits ?? 0), 0)
    if (READS.has(context.commandName ?? '')) {
      usage.readUnits += units
      const items =
        (out.Count ?? Object.values(out.Responses ?? {}).reduce((n, r) => n + r.length, 0)) +
        (out.Item ? 1 : 0)
      usage.items += items
      const source = sourceOf(context.commandName ?? '', args.input as Record<string, unknown>)
      itemsBySource.set(source, (itemsBySource.get(source) ?? 0) + items)
    } else {
      usage.writeUnits += units
      const source = sourceOf(context.commandName ?? '', args.input as Record<string, unknown>)
      writesBySource.set(source, (writesBySource.get(source) ?? 0) + units)
    }
    return result
  },
  { step: 'initialize', name: 'benchUnits', override: true },
)

await ensureTable()
const day = bangkokDay(clock.now())
const dayStartMs = Date.parse(`${day}T00:00:00+07:00`)
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36'

/** Event `n` of the day: popularity skewed to few datasets, a few events per address. */
function event(n: number, address: number, receivedAt: number) {
  const dataset = Math.floor(DATASETS * ((n % 997) / 997) ** 3)
  return {
    eventId: `bench-${String(n).padStart(8, '0')}-0123456789`,
    day,
    resourceId: `r-${dataset}-${n % 3}`,
    datasetId: `ds-${dataset}`,
    agencyId: `ag-${dataset % AGENCIES}`,
    at: dayStartMs + Math.floor((n * 48_271) % (14 * 3_600_000)),
    client: `client-${address.toString(36).padStart(10, '0')}`,
    address: `addr-${address.toString(36).padStart(10, '0')}`,
    clientClass: 'regular' as const,
    userAgent: UA,
    receivedAt,
  }
}

/** Seeds events [from, to) of the day as a day counted incrementally holds them (not pending). */
async function seed(from: number, to: number) {
  const old = clock.now() + 3 * 86_400_000 // received "later": not marked pending
  for (let start = from; start < to; start += 5_000) {
    const events = Array.from({ length: Math.min(5_000, to - start) }, (_, i) =>
      event(start + i, Math.floor((start + i) / EVENTS_PER_ADDRESS), old),
    )
    await saveEvents(events)
    await saveSliceEvents(
      day,
      events.map((e) => ({ address: e.address, event: e })),
    )
  }
}

/** Count items for every dataset and agency, each with a full list of busiest addresses. */
async function seedCounts() {
  const leaders = {
    top: Array.from(
      { length: 8 },
      (_, i) => [`addr-${String(i).padStart(10, '0')}`, 100 - i] as [string, number],
    ),
    bound: 1,
  }
  const item = (agencyId?: string) => ({
    counts: {
      ...ZERO_COUNTS,
      downloads: 1_000,
      uniqueDownloads: 900,
      topClientDownloads: 297,
      ...(agencyId ? { agencyId } : {}),
    },
    leaders,
  })
  await putLiveCounts(
    day,
    'datasets',
    new Map(Array.from({ length: DATASETS }, (_, d) => [`ds-${d}`, item(`ag-${d % AGENCIES}`)])),
  )
  await putLiveCounts(
    day,
    'agencies',
    new Map(Array.from({ length: AGENCIES }, (_, a) => [`ag-${a}`, item()])),
  )
  await markDayReady(day)
}

const fmt = (n: number, d = 2) => n.toFixed(d)
console.log(
  `rollup: ${NEW_EVENTS} new events counted into a day of N events (${EVENTS_PER_ADDRESS} per address, ${DATASETS} datasets)`,
)
console.log(
  'N | seed s | rollup ms | items read | read units | write units | items/new event | read units/new event | write units/new event',
)
await seedCounts()
let seeded = 0
let fresh = 10_000_000
for (const size of SIZES) {
  const seedStart = performance.now()
  await seed(seeded, size)
  seeded = size
  const seedS = (performance.now() - seedStart) / 1000
  // 100 downloads: half from addresses already in the day, half from new ones; numbered 10 apart, so they
  // spread over the datasets as the day's events do (consecutive numbers would fall on a few datasets).
  const newEvents = Array.from({ length: NEW_EVENTS }, (_, i) =>
    event(
      fresh + i * 10,
      i % 2 === 0 ? Math.floor(Math.random() * (size / EVENTS_PER_ADDRESS)) : fresh + i,
      clock.now(),
    ),
  )
  fresh += NEW_EVENTS * 10
  await saveEvents(newEvents)
  Object.assign(usage, { items: 0, readUnits: 0, writeUnits: 0 })
  itemsBySource.clear()
  writesBySource.clear()
  const started = performance.now()
  const result = await runRollup()
  const ms = performance.now() - started
  if (result?.counted !== NEW_EVENTS)
    throw new Error(`the rollup counted ${result?.counted}, not ${NEW_EVENTS}`)
  const per = (n: number) => fmt(n / NEW_EVENTS)
  console.log(
    [
      size,
      fmt(seedS, 0),
      fmt(ms, 0),
      usage.items,
      fmt(usage.readUnits, 1),
      fmt(usage.writeUnits, 1),
      per(usage.items),
      per(usage.readUnits),
      per(usage.writeUnits),
    ].join(' | '),
  )
  const sources = [...itemsBySource].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1])
  console.log(`  items read by source: ${sources.map(([s, n]) => `${s} ${n}`).join(', ')}`)
  const writes = [...writesBySource].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1])
  console.log(`  write units by source: ${writes.map(([s, n]) => `${s} ${n}`).join(', ')}`)
}
await store.close()
process.exit(0)
