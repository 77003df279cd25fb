/**
 * Issue 20 benchmark: `import-history` of a monthly CSV into the embedded DynamoDB-compatible server, through the
 * product's own import (reading, validating, writing only what changed). A catalog of 500 agencies × 10 datasets
 * (5,000), a CSV of 12 months × every dataset; imported once (every figure written), again (nothing written), and
 * then one agency's performance read with its earlier counts (cold cache). Run: `npm run bench -- import-history`
 * (`BENCH_DATASETS=5000` to choose the catalog's size).
 */
import { stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startBenchStore } from './lib/bench-store.js'

const DATASETS = Number(process.env.BENCH_DATASETS ?? 5000)
const PER_AGENCY = 10
const NOW = '2026-12-02T15:00:00+07:00'

const store = await startBenchStore('history', NOW)
const { dir } = store
const { ensureTable } = await import('../functions/store/setup.js')
const { putAgencies, putDatasets } = await import('../functions/store/catalog.js')
const { importHistory } = await import('../functions/import/import-history.js')
const { agencyPerformance } = await import('../functions/read-model/performance.js')
const { readVersions } = await import('../functions/read-model/cache.js')
const { monthsOfFiscalYear } = await import('../shared/time.js')

await ensureTable()
const agencies = Array.from({ length: Math.ceil(DATASETS / PER_AGENCY) }, (_, a) => ({
  agencyId: `agency-${a}`,
  slug: `agency-${a}`,
  name: { th: `หน่วยงาน ${a}`, en: `Agency ${a}` },
  group: 'department',
  active: true,
}))
const datasets = Array.from({ length: DATASETS }, (_, d) => ({
  datasetId: `dataset-${d}`,
  agencyId: `agency-${Math.floor(d / PER_AGENCY)}`,
  slug: `dataset-${d}`,
  title: { th: `ชุดข้อมูล ${d}`, en: `Dataset ${d}` },
  active: true,
  resourceIds: [`resource-${d}`],
}))
await putAgencies(agencies)
await putDatasets(datasets)

const months = monthsOfFiscalYear(2569)
const lines = ['month,dataset_id,downloads']
for (const month of months)
  for (const d of datasets) lines.push(`${month},${d.datasetId},${(d.datasetId.length * 37) % 500}`)
const file = join(dir, 'analytics.csv')
await writeFile(file, `${lines.join('\n')}\n`)
const bytes = (await stat(file)).size

const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now()
  const value = await run()
  return [value, performance.now() - started]
}

console.log(
  `import-history --monthly: ${lines.length - 1} lines (${(bytes / 1e6).toFixed(1)} MB), ${DATASETS} datasets`,
)
const [first, firstMs] = await timed(() => importHistory({ kind: 'monthly', file }, { source: 'ga4' }))
console.log(
  `  first import:  ${(firstMs / 1000).toFixed(1)} s, ${first.written} figures written (${Math.round(first.written / (firstMs / 1000))} lines/s)`,
)
const [again, againMs] = await timed(() => importHistory({ kind: 'monthly', file }, { source: 'ga4' }))
console.log(
  `  same file again: ${(againMs / 1000).toFixed(1)} s, ${again.written} written, ${again.unchanged} unchanged`,
)
const [perf, perfMs] = await timed(async () => agencyPerformance(await readVersions(), 'agency-0', 2570))
const [, warmMs] = await timed(async () => agencyPerformance(await readVersions(), 'agency-0', 2570))
console.log(
  `  agency performance with earlier counts: ${perfMs.toFixed(0)} ms cold, ${warmMs.toFixed(0)} ms warm (last year's line from ${perf.lastYearSource})`,
)

await store.close()
