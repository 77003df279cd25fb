import { bangkokDay, bangkokMonth } from '../../shared/time.js'
import { devToken, type RunningProduct, startProduct } from '../e2e/local-process.js'

/**
 * The kill -9 fault suite, shared by `test/e2e/kill-9.test.ts` (small) and `npm run bench -- kill-9` (full):
 * the local process takes downloads (`GET /d/`) and events with ids (`POST /v1/events`) over concurrent
 * connections and is killed with SIGKILL while requests are in flight, then started again on the same data
 * directory, cycle after cycle. Event batches whose answer was lost are sent again with the same ids, as a
 * portal retries. At the end every acknowledged download and event must be stored once and counted once.
 */
export interface KillCycleOptions {
  dataDir: string
  /** The CKAN portal the product syncs its catalog from at start. */
  ckanUrl: string
  /** Active resources of that catalog. */
  resources: readonly string[]
  cycles: number
  downloadsPerCycle: number
  batchesPerCycle: number
  batchSize: number
  /** Requests in flight at once. */
  connections: number
  /** Bound on waiting for the product (start, settling): a hang fails with what it has. */
  patienceMs: number
  log?: (msg: string) => void
}

export interface KillCycleResult {
  cycles: number
  acknowledgedDownloads: number
  acknowledgedEvents: number
  /** Sent, not answered (the process died first), stored anyway: allowed, and counted like the rest. */
  unacknowledgedStored: number
  /** Acknowledged but not stored. */
  lost: number
  /** Stored more than once. */
  doubled: number
  /** Raw events of the suite after the last start. */
  stored: number
  /** Downloads the rollups counted for the month (every one of the suite's is a distinct client). */
  counted: number
  /** Event batches sent again after a kill (same ids): each answered with every event accepted or duplicate. */
  retriedBatches: number
  /** How many requests were in flight (sent, not answered) at each kill. */
  inFlightAtKill: number[]
}

type Work = { kind: 'download'; tag: string; resourceId: string } | { kind: 'batch'; ids: string[] }

/** Machine clients: counted, and never judged as harvesters; each download its own client (no double clicks). */
const userAgent = (tag: string) => `curl/8.5.0 (fault-suite ${tag})`
const eventResource = (options: KillCycleOptions, id: string) =>
  options.resources[Number(id.split('-').at(-1)) % options.resources.length] as string

export async function runKillCycles(options: KillCycleOptions): Promise<KillCycleResult> {
  const log = options.log ?? (() => {})
  const env = {
    DATA_DIR: options.dataDir,
    SEED_DEMO: '0',
    CKAN_URL: options.ckanUrl,
    // All the load comes from one loopback client: the per-client rate limits would answer 429.
    RATE_LIMIT_DOWNLOADS_PER_MINUTE: '100000000',
    RATE_LIMIT_EVENT_REQUESTS_PER_MINUTE: '100000000',
  }
  const ackedDownloads = new Set<string>()
  const ackedEvents = new Set<string>()
  const sentDownloads = new Set<string>()
  let retry: string[][] = []
  let retriedBatches = 0
  const inFlightAtKill: number[] = []

  /** Sends one piece of work; true when acknowledged. Batches not acknowledged are kept for the next start. */
  const send = async (product: RunningProduct, work: Work, retried: boolean): Promise<boolean> => {
    try {
      if (work.kind === 'download') {
        sentDownloads.add(work.tag)
        const res = await fetch(`${product.url}/d/${work.resourceId}`, {
          redirect: 'manual',
          headers: { 'user-agent': userAgent(work.tag) },
        })
        if (res.status !== 302) throw new Error(`GET /d/ answered ${res.status}`)
        ackedDownloads.add(work.tag)
        return true
      }
      const res = await fetch(`${product.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': product.ingestKey },
        body: JSON.stringify({
          events: work.ids.map((id, i) => ({
            eventId: id,
            resourceId: eventResource(options, id),
            userAgent: userAgent(id),
            clientIp: `198.51.100.${i % 250}`,
          })),
        }),
      })
      if (res.status !== 202) throw new Error(`POST /v1/events answered ${res.status}`)
      const body = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] }
      if (body.accepted + body.duplicates !== work.ids.length || body.rejected.length > 0)
        throw new Error(`POST /v1/events answered ${JSON.stringify(body)}`)
      for (const id of work.ids) ackedEvents.add(id)
      if (retried) retriedBatches++
      return true
    } catch (err) {
      // The process was killed under the request (a refused or reset connection): not acknowledged.
      if (work.kind === 'batch') retry.push(work.ids)
      if (!/fetch failed|other side closed|ECONNRE|socket/i.test(String((err as Error).cause ?? err)))
        throw err
      return false
    }
  }

  /** Runs `queue` over the connections; kills the process once `killAfter` are acknowledged (if given). */
  const drive = async (product: RunningProduct, queue: Work[], retried: Set<Work>, killAfter?: number) => {
    let next = 0
    let acked = 0
    let inFlight = 0
    let killing: Promise<unknown> | undefined
    const loop = async () => {
      while (next < queue.length && !killing) {
        const work = queue[next++] as Work
        inFlight++
        const ok = await send(product, work, retried.has(work))
        inFlight--
        if (ok) acked++
        if (killAfter !== undefined && acked >= killAfter && !killing) {
          inFlightAtKill.push(inFlight)
          killing = product.stop('SIGKILL')
        }
      }
    }
    await Promise.all(Array.from({ length: options.connections }, loop))
    await killing
    return { acked, sent: next }
  }

  let product: RunningProduct | undefined
  for (let cycle = 1; cycle <= options.cycles + 1; cycle++) {
    product = await startProduct(env)
    log(`cycle ${cycle}: started`)
    await product.waitForOutput(/Catalog sync(ed| failed)/, options.patienceMs)
    log(`cycle ${cycle}: catalog synced`)
    const last = cycle > options.cycles
    const batches: Work[] = retry.map((ids) => ({ kind: 'batch', ids }))
    const retried = new Set(batches)
    retry = []
    const queue: Work[] = [...batches]
    if (!last) {
      for (let i = 0; i < options.downloadsPerCycle; i++) {
        queue.push({
          kind: 'download',
          tag: `d-${cycle}-${i}`,
          resourceId: options.resources[(cycle * 7919 + i) % options.resources.length] as string,
        })
        // Batches spread among the downloads.
        if (i % Math.max(1, Math.floor(options.downloadsPerCycle / options.batchesPerCycle)) === 0) {
          const b = queue.filter((w) => w.kind === 'batch').length
          if (b < options.batchesPerCycle + batches.length)
            queue.push({
              kind: 'batch',
              ids: Array.from({ length: options.batchSize }, (_, k) => `e-${cycle}-${b}-${k}`),
            })
        }
      }
    }
    // Killed midway through the cycle's work, requests in flight; the last start only retries and settles.
    const { acked, sent } = await drive(
      product,
      queue,
      retried,
      last ? undefined : Math.floor(queue.length / 2),
    )
    log(`cycle ${cycle}: ${acked} of ${sent} sent acknowledged${last ? '' : ', then SIGKILL'}`)
    if (last && retry.length > 0) throw new Error(`${retry.length} event batches still unanswered at the end`)
  }
  if (!product) throw new Error('no cycle ran')
  log('settling')

  // Settled: every raw event of the suite stored and counted by a rollup (the journal stores leftovers at start).
  const started = Date.now()
  const settled = await (async () => {
    for (;;) {
      const state = await readState(product, options)
      const allThere =
        [...ackedDownloads].every((t) => state.downloads.has(t)) &&
        [...ackedEvents].every((id) => state.events.has(id))
      if (allThere && state.counted === state.stored) return state
      if (Date.now() - started > options.patienceMs) return state
      await new Promise((r) => setTimeout(r, 500))
    }
  })()
  log(`settled: ${settled.stored} stored, ${settled.counted} counted`)
  await product.stop()

  const lost =
    [...ackedDownloads].filter((t) => !settled.downloads.has(t)).length +
    [...ackedEvents].filter((id) => !settled.events.has(id)).length
  const doubled = [...settled.downloads.values(), ...settled.events.values()].filter((n) => n > 1).length
  return {
    cycles: options.cycles,
    acknowledgedDownloads: ackedDownloads.size,
    acknowledgedEvents: ackedEvents.size,
    unacknowledgedStored:
      [...settled.downloads.keys()].filter((t) => !ackedDownloads.has(t)).length +
      [...settled.events.keys()].filter((id) => !ackedEvents.has(id)).length,
    lost,
    doubled,
    stored: settled.stored,
    counted: settled.counted,
    retriedBatches,
    inFlightAtKill,
  }
}

/** The suite's raw events (how many times each download tag and event id is stored) and the month's count. */
async function readState(product: RunningProduct, options: KillCycleOptions) {
  const now = await product.now()
  // The store is read through the running product's endpoints (runtime.json in its data directory).
  const { connectStores } = await import('../../functions/local/connect.js')
  const { listDayEvents } = await import('../../functions/store/events.js')
  const release = await connectStores({ ...process.env, SEED_DEMO: '0' }, { dataDir: options.dataDir })
  const downloads = new Map<string, number>()
  const events = new Map<string, number>()
  let stored = 0
  try {
    for (const e of await listDayEvents(bangkokDay(now))) {
      const tag = /\(fault-suite (\S+)\)$/.exec(e.userAgent)?.[1]
      if (!tag) continue
      stored++
      const into = tag.startsWith('d-') ? downloads : events
      into.set(tag, (into.get(tag) ?? 0) + 1)
    }
  } finally {
    await release()
  }
  const token = await devToken(product.url)
  const res = await fetch(`${product.url}/v1/rankings/agencies?month=${bangkokMonth(now)}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const body = (await res.json()) as { items: { downloads: number }[] }
  const counted = body.items.reduce((sum, item) => sum + item.downloads, 0)
  return { downloads, events, stored, counted }
}
