/**
 * Read API at national scale: 1,000 agencies, 100,000 datasets, 3 months of counts (plus their fiscal year),
 * generated straight into a bench-only table of an in-memory dynalite through the store functions; the API
 * app served over HTTP by @hono/node-server, read-model snapshots in an embedded S3-compatible server. Each
 * endpoint is first asked by a process that holds nothing and finds no snapshot (reads the table whole), then
 * by a new process that finds the snapshots the first left (the API started in a process of its own,
 * bench/read-api-process.ts, its code as cold as a new container's), then after a rollup's minute of national
 * traffic moved 200 datasets of its period (`BENCH_CHANGED`), then 400 times, 10 requests at a time (warm).
 *
 *   npm run bench -- read-api        (or npm run bench:read-api, which also collects garbage between phases)
 *   BENCH_AGENCIES=300 BENCH_DATASETS=20000 BENCH_MONTHS=13 BENCH_REQUESTS=400 BENCH_CONCURRENCY=10
 *   BENCH_NEW_PROCESSES=3 (new processes per endpoint, median printed)
 *   BENCH_PROFILE_OWN=<dir>: CPU profiles of the new processes (node --cpu-prof) in `dir`
 *
 * Everything else runs in one process, as `npm start` does: the generator, dynalite, the API and the client.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import type { Agency, Dataset } from '../shared/catalog.js'
import { COUNT_FIELDS, ZERO_COUNTS } from '../shared/counting/count-day.js'
import { addMonths, bangkokMonth, fiscalYearOfMonth } from '../shared/time.js'

const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 1_000)
const DATASETS = Number(process.env.BENCH_DATASETS ?? 100_000)
/** Months of counts up to the current one; the month measured is the one before it. */
const MONTHS = Math.max(2, Number(process.env.BENCH_MONTHS ?? 3))
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10)
/** New processes started for each endpoint's first read in a new process (the median is printed). */
const NEW_PROCESSES = Math.max(1, Number(process.env.BENCH_NEW_PROCESSES ?? 3))
const GROUPS = ['ministry', 'department', 'province', 'local', 'state-enterprise']

const { startDynamoServer, startS3Server } = await import('../functions/local/embedded.js')
const dynamoServer = await startDynamoServer()
const s3Directory = await mkdtemp(join(tmpdir(), 'ogd-read-api-'))
const s3Server = await startS3Server(s3Directory)
Object.assign(process.env, {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  DYNAMODB_ENDPOINT: dynamoServer.endpoint,
  S3_ENDPOINT: s3Server.endpoint,
  REPORTS_BUCKET: 'bench-read-api',
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  TABLE_NAME: 'bench-read-api',
  AUTH_MODE: 'dev',
  DEV_SIGNING_KEY: 'bench-signing-key-that-is-long-enough',
})
const { ensureBucket, ensureTable } = await import('../functions/store/setup.js')
const { settleSnapshotWrites } = await import('../functions/store/read-snapshots.js')
const { putAgencies, putDatasets } = await import('../functions/store/catalog.js')
const { batchPut } = await import('../functions/store/batch.js')
const { countsPartition, countsSk } = await import('../functions/store/keys.js')
const { bumpVersions } = await import('../functions/store/versions.js')
type Period = import('../functions/store/keys.js').Period
const SEED_SLICE = 500
const { signDevToken } = await import('../functions/auth/dev-tokens.js')
const app = (await import('../functions/api/app.js')).createApiApp()
const { clearReadCache, forgetVersions } = await import('../functions/read-model/cache.js')
const { addToPeriodCounts } = await import('../functions/store/counts.js')
const { clearCatalogCache } = await import('../functions/read-model/catalog.js')
type PeriodCounts = import('../shared/counting/period-counts.js').PeriodCounts
const { emptyPeriodCounts, SUBJECTS, sumPeriodCounts } = await import('../shared/counting/period-counts.js')

/** A small deterministic generator, so every run measures the same data. */
function mulberry32(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = mulberry32(2566)

const agencies: Agency[] = Array.from({ length: AGENCIES }, (_, i) => ({
  agencyId: `agency-${i}`,
  slug: `agency-${i}`,
  name: { th: `หน่วยงาน ${i}`, en: `Agency ${i}` },
  group: GROUPS[i % GROUPS.length] as string,
  active: true,
}))
const datasets: Dataset[] = Array.from({ length: DATASETS }, (_, i) => ({
  datasetId: `dataset-${i}`,
  agencyId: `agency-${Math.floor(random() * random() * AGENCIES)}`,
  slug: `dataset-${i}`,
  title: { th: `ชุดข้อมูล ${i}`, en: `Dataset ${i}` },
  active: true,
  resourceIds: [`resource-${i}`],
}))
// Long-tailed popularity: a few datasets take most downloads, many have a handful or none in a month.
const popularity = datasets.map(() => Math.floor(2000 * random() ** 6))

function monthCounts(): PeriodCounts {
  const counts: PeriodCounts = emptyPeriodCounts()
  for (const [i, d] of datasets.entries()) {
    const downloads = Math.floor((popularity[i] as number) * (0.5 + random()))
    const c = {
      ...ZERO_COUNTS,
      downloads,
      uniqueDownloads: Math.floor(downloads * 0.7),
      machineDownloads: Math.floor(downloads * 0.1),
      robots: Math.floor(downloads * 0.3),
      doubleClicks: Math.floor(downloads * 0.05),
      topClientDownloads: Math.floor(downloads * 0.2),
    }
    counts.datasets.set(d.datasetId, { ...c, agencyId: d.agencyId })
    const a = counts.agencies.get(d.agencyId) ?? { ...ZERO_COUNTS }
    for (const f of COUNT_FIELDS) a[f] += c[f]
    counts.agencies.set(d.agencyId, a)
  }
  return counts
}

/** Writes a period's counts a slice at a time (all at once, a national period overruns the embedded server). */
async function writePeriodCounts(period: Period, counts: PeriodCounts) {
  const pk = countsPartition(period)
  const items = SUBJECTS.flatMap((subject) =>
    [...counts[subject]].map(([id, c]) => ({ pk, sk: countsSk(subject, id), ...c })),
  )
  for (let i = 0; i < items.length; i += SEED_SLICE) await batchPut(items.slice(i, i + SEED_SLICE))
  await bumpVersions([pk])
}

const t0 = performance.now()
await ensureTable()
await ensureBucket()
await putAgencies(agencies)
for (let i = 0; i < datasets.length; i += SEED_SLICE) await putDatasets(datasets.slice(i, i + SEED_SLICE))
const current = bangkokMonth(Date.now())
const months = Array.from({ length: MONTHS }, (_, i) => addMonths(current, i - (MONTHS - 1)))
const years = new Map<number, PeriodCounts>()
for (const month of months) {
  const counts = monthCounts()
  await writePeriodCounts({ month }, counts)
  console.log(`seeded ${month} (${((performance.now() - t0) / 1000).toFixed(0)} s)`)
  const fy = fiscalYearOfMonth(month)
  years.set(fy, sumPeriodCounts([years.get(fy) ?? emptyPeriodCounts(), counts]))
}
for (const [fy, counts] of years) await writePeriodCounts({ fy }, counts)
const itemCount = (MONTHS + years.size) * (DATASETS + AGENCIES)
console.log(`seeded ${itemCount} count items in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
await new Promise((r) => server.once('listening', r))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
const dga = `Bearer ${await signDevToken(process.env.DEV_SIGNING_KEY as string, 'dga_admin', [])}`
const exec = `Bearer ${await signDevToken(process.env.DEV_SIGNING_KEY as string, 'agency_exec', ['agency-7'])}`

const lastMonth = months[MONTHS - 2] as string
const lastFy = fiscalYearOfMonth(lastMonth)
const allEndpoints: [string, string, string][] = [
  ['agency ranking, month', `/v1/rankings/agencies?month=${lastMonth}`, dga],
  ['agency ranking, fiscal year', `/v1/rankings/agencies?fy=${lastFy}`, dga],
  ['dataset ranking, month, top 100', `/v1/rankings/datasets?month=${lastMonth}`, dga],
  ['dataset ranking, fiscal year, page 3', `/v1/rankings/datasets?fy=${lastFy}&offset=200`, dga],
  ['dataset ranking, own agency (exec)', `/v1/rankings/datasets?fy=${lastFy}`, exec],
  ['awards, fiscal year', `/v1/awards?fy=${lastFy}`, dga],
  ['agency performance (exec)', `/v1/agencies/agency-7/performance?fy=${lastFy}`, exec],
  ['agency integrity, month', `/v1/agencies/agency-7/integrity?month=${lastMonth}`, dga],
]
/** `BENCH_ONLY=agency` measures only the endpoints whose names contain it (`awards,performance`: either). */
const only = (process.env.BENCH_ONLY ?? '').split(',')
const endpoints = allEndpoints.filter(([name]) => only.some((part) => name.includes(part)))

async function timed(path: string, auth: string): Promise<number> {
  const start = performance.now()
  const res = await fetch(base + path, { headers: { authorization: auth } })
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`)
  return performance.now() - start
}

/** A first read: its time, or the API's 503 when it outlasted the request time limit (its work goes on). */
async function firstRead(path: string, auth: string): Promise<string> {
  const start = performance.now()
  const res = await fetch(base + path, { headers: { authorization: auth } })
  await res.arrayBuffer()
  const ms = (performance.now() - start).toFixed(0)
  if (res.status === 503) return `503 after ${ms}`
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`)
  return ms
}

/** Waits until a path answers 200 (a first read cut off by the time limit finishes in the background). */
async function settled(path: string, auth: string): Promise<void> {
  for (;;) {
    const res = await fetch(base + path, { headers: { authorization: auth } })
    await res.arrayBuffer()
    if (res.status === 200) return
  }
}

/**
 * What a rollup does to the measured month and its fiscal year in a minute of national traffic: moves
 * `CHANGED_PER_ROLLUP` datasets' counts (and their agencies'), noting them as changed, and a new version.
 */
const CHANGED_PER_ROLLUP = Number(process.env.BENCH_CHANGED ?? 200)
async function rollupMinute() {
  const delta = emptyPeriodCounts()
  for (let k = 0; k < CHANGED_PER_ROLLUP; k++) {
    const d = datasets[Math.floor(random() * datasets.length)] as Dataset
    const c = { ...ZERO_COUNTS, downloads: 1, uniqueDownloads: 1, agencyId: d.agencyId }
    delta.datasets.set(d.datasetId, c)
    const a = delta.agencies.get(d.agencyId) ?? { ...ZERO_COUNTS }
    a.downloads += 1
    a.uniqueDownloads += 1
    delta.agencies.set(d.agencyId, a)
  }
  await addToPeriodCounts(
    [
      { period: { month: lastMonth }, delta },
      { period: { fy: lastFy }, delta },
    ],
    { bulk: false },
  )
  forgetVersions()
}

// Each endpoint's first read, from a cold process (catalog and counts read) and after a rollup changed its
// period (what it changed read again, the catalog cached); then a collection, so the seeding's garbage is not
// charged to the first endpoint measured warm.
// First, each endpoint's first read in a process that holds nothing and finds no snapshot (the first process
// after a deploy or a recount): it reads the table whole and leaves snapshots for the next.
const unsnapshotted = new Map<string, string>()
for (const [name, path, auth] of endpoints) {
  clearCatalogCache()
  clearReadCache()
  unsnapshotted.set(name, await firstRead(path, auth))
  await settled(path, auth)
  await settleSnapshotWrites()
  console.log(`${name}: first read without snapshots ${unsnapshotted.get(name)} ms`)
}
// BENCH_PROFILE=<file>: a CPU profile of this process over a phase (BENCH_PROFILE_PHASE): `first` (default) the
// first reads below (new process and after a change), `cold` only those of a new process, `after` only those
// after a rollup, `warm` the warm requests.
const profiler = process.env.BENCH_PROFILE
  ? new (await import('node:inspector/promises')).Session()
  : undefined
const profilePhase = process.env.BENCH_PROFILE_PHASE ?? 'first'
let profiling = false
async function startProfile(phase: string) {
  if (!profiler || phase !== profilePhase || profiling) return
  profiling = true
  profiler.connect()
  await profiler.post('Profiler.enable')
  await profiler.post('Profiler.start')
}
async function saveProfile(phase: string) {
  if (!profiler || phase !== profilePhase || !profiling) return
  profiling = false
  const { profile } = await profiler.post('Profiler.stop')
  const { writeFile } = await import('node:fs/promises')
  await writeFile(process.env.BENCH_PROFILE as string, JSON.stringify(profile))
  profiler.disconnect()
}
/** The first read of `path` by the API in a process of its own, started for it (then stopped). */
async function inNewProcess(path: string, auth: string) {
  const { spawn } = await import('node:child_process')
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE_OWN
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_OWN}`]
        : []),
      '--import',
      'tsx',
      new URL('./read-api-process.ts', import.meta.url).pathname,
    ],
    {
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.stdout.once('data', (line: Buffer) => resolve(JSON.parse(line.toString()).port))
  })
  const startup = (performance.now() - started).toFixed(0)
  const start = performance.now()
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: auth } })
  await res.arrayBuffer()
  const first = (performance.now() - start).toFixed(0)
  child.kill()
  await new Promise((resolve) => child.once('exit', resolve))
  return { first: res.status === 200 ? first : `${res.status} after ${first}`, startup }
}
await startProfile('first')
const colds = new Map<string, string>()
const firsts = new Map<string, string>()
for (const [name, path, auth] of endpoints) {
  // A new process: the API started in a process of its own, which finds the snapshots and nothing else;
  // `NEW_PROCESSES` of them one after another (the median is the figure: one start varies by ±15 %).
  const owns = []
  for (let k = 0; k < NEW_PROCESSES; k++) owns.push(await inNewProcess(path, auth))
  const firstReads = owns.map((o) => Number(o.first)).sort((a, b) => a - b)
  const own = {
    first: firstReads.some(Number.isNaN)
      ? owns.map((o) => o.first).join(' / ')
      : String(firstReads[Math.floor(firstReads.length / 2)]),
    all: owns.map((o) => o.first).join(', '),
    startup: owns.map((o) => o.startup).join(', '),
  }
  colds.set(name, own.first)
  // The same read here with this process's caches cleared (its code already compiled and warm), which also
  // leaves this process holding the period for the read after a rollup below.
  clearCatalogCache()
  clearReadCache()
  await startProfile('cold')
  const cleared = await firstRead(path, auth)
  await settled(path, auth)
  await saveProfile('cold')
  await settleSnapshotWrites()
  await rollupMinute()
  await startProfile('after')
  firsts.set(name, await firstRead(path, auth))
  await settled(path, auth)
  await saveProfile('after')
  await settleSnapshotWrites()
  console.log(
    `${name}: first read in a new process ${own.first} ms (median of ${own.all}; started in ${own.startup} ms; with this process's caches cleared ${cleared} ms), after a change ${firsts.get(name)} ms`,
  )
}
await saveProfile('first')
for (const [path, auth] of endpoints.map(([, p, a]) => [p, a] as const)) await timed(path, auth)
;(globalThis as { gc?: () => void }).gc?.()

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number
await startProfile('warm')
const rows: string[] = []
for (const [name, path, auth] of endpoints) {
  const first = firsts.get(name) as string
  const cold = colds.get(name) as string
  for (let i = 0; i < 20; i++) await timed(path, auth)
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) latencies.push(await timed(path, auth))
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const row = `| ${name} | ${unsnapshotted.get(name)} | ${cold} | ${first} | ${pct(latencies, 0.5).toFixed(1)} | ${pct(latencies, 0.95).toFixed(1)} | ${pct(latencies, 0.99).toFixed(1)} | ${(REQUESTS / seconds).toFixed(0)} |`
  rows.push(row)
  console.log(row)
}
await saveProfile('warm')
console.log(`\n${AGENCIES} agencies, ${DATASETS} datasets, ${MONTHS} months`)
console.log(
  '| endpoint | first read, no snapshot yet (ms) | first read, new process (ms) | first read after a rollup (ms) | p50 (ms) | p95 (ms) | p99 (ms) | requests/s |',
)
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
for (const row of rows) console.log(row)

server.close()
await dynamoServer.close()
await s3Server.close()
await rm(s3Directory, { recursive: true, force: true })
process.exit(0)
