/**
 * The monthly report at national scale: 500 agencies and 50,000 datasets (`BENCH_AGENCIES`, `BENCH_DATASETS`),
 * 13 months of counts and their fiscal years, generated into dynalite through the store functions; then the
 * national report with every agency variant read and rendered for October (the fiscal year's first month) and
 * September (its last: year sums of twelve months), as the report job does (`readReportInput`, then
 * `renderReportFiles`; storing the files in S3 is left out).
 *
 *   npm run bench -- report         (BENCH_MONTHS=2025-10,2026-09 by default)
 *
 * dynalite runs in a child process, the seeding in another and each month's report in a fresh one, so the peak
 * RSS printed is the report's own (a Lambda container runs only the report). `BENCH_DATA=<dir>` keeps the
 * seeded store on disk and reuses it on the next run.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 500)
const DATASETS = Number(process.env.BENCH_DATASETS ?? 50_000)
const MONTHS = (process.env.BENCH_MONTHS ?? '2025-10,2026-09').split(',').filter(Boolean)
const FIRST_MONTH = '2025-09'
const LAST_MONTH = '2026-09'
/** The product's clock during the bench: after the last month, so every month is complete. */
const NOW = '2026-10-05T09:00:00+07:00'
const TABLE = 'bench-report'

const env = (endpoint: string) => ({
  ...process.env,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  DYNAMODB_ENDPOINT: endpoint,
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: TABLE,
  OGD_NOW: NOW,
})

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

async function seed(): Promise<void> {
  const { COUNT_FIELDS, ZERO_COUNTS } = await import('../shared/counting/count-day.js')
  const { addMonths, fiscalYearOfMonth } = await import('../shared/time.js')
  const { ensureTable } = await import('../functions/store/setup.js')
  const { putAgencies, putDatasets } = await import('../functions/store/catalog.js')
  const { replacePeriodCounts } = await import('../functions/store/counts.js')
  const { emptyPeriodCounts, sumPeriodCounts } = await import('../shared/counting/period-counts.js')
  type PeriodCounts = import('../shared/counting/period-counts.js').PeriodCounts
  const random = mulberry32(2569)
  const groups = ['ministry', 'department', 'province', 'local', 'state-enterprise']
  const agencies = Array.from({ length: AGENCIES }, (_, i) => ({
    agencyId: `agency-${i}`,
    slug: `agency-${i}`,
    name: { th: `หน่วยงานทดสอบประสิทธิภาพ ${i}`, en: `Benchmark agency ${i}` },
    group: groups[i % groups.length] as string,
    active: true,
  }))
  const datasets = Array.from({ length: DATASETS }, (_, i) => ({
    datasetId: `dataset-${i}`,
    agencyId: `agency-${Math.floor(random() * random() * AGENCIES)}`,
    slug: `dataset-${i}`,
    title: { th: `ชุดข้อมูลสถิติรายจังหวัด ${i}`, en: `Provincial statistics ${i}` },
    active: true,
    resourceIds: [`resource-${i}`],
  }))
  // Long-tailed popularity: a few datasets take most downloads, many have a handful or none in a month.
  const popularity = datasets.map(() => Math.floor(2000 * random() ** 6))
  const monthCounts = (): PeriodCounts => {
    const counts = emptyPeriodCounts()
    for (const [i, d] of datasets.entries()) {
      const downloads = Math.floor((popularity[i] as number) * (0.5 + random()))
      if (downloads === 0) continue
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
  const t0 = performance.now()
  await ensureTable()
  await putAgencies(agencies)
  await putDatasets(datasets)
  const years = new Map<number, PeriodCounts>()
  let items = 0
  for (let month = FIRST_MONTH; month <= LAST_MONTH; month = addMonths(month, 1)) {
    const counts = monthCounts()
    items += counts.agencies.size + counts.datasets.size
    await replacePeriodCounts({ month }, counts)
    const fy = fiscalYearOfMonth(month)
    years.set(fy, sumPeriodCounts([years.get(fy) ?? emptyPeriodCounts(), counts]))
  }
  for (const [fy, counts] of years) {
    items += counts.agencies.size + counts.datasets.size
    await replacePeriodCounts({ fy }, counts)
  }
  console.log(
    `seeded ${AGENCIES} agencies, ${DATASETS} datasets, ${items} count items in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  )
}

/** One month's report, read and rendered; prints one JSON line of figures. */
async function measure(month: string): Promise<void> {
  const { readReportInput } = await import('../functions/reports/read.js')
  const { renderReportFiles } = await import('../functions/reports/files.js')
  const { clock } = await import('../functions/clock.js')
  const now = clock.now()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const input = await readReportInput(month, now)
  const readMs = performance.now() - t0
  const files = await renderReportFiles(
    input,
    (m) => console.error(`  ${month} +${((performance.now() - t0) / 1000).toFixed(1)} s: ${m}`),
    { version: 1 },
  )
  const totalMs = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const pdfs = files.filter((f) => f.name.startsWith('agencies/') && f.name.endsWith('.pdf'))
  console.log(
    JSON.stringify({
      month,
      readS: readMs / 1000,
      renderS: (totalMs - readMs) / 1000,
      totalS: totalMs / 1000,
      cpuS: (cpu.user + cpu.system) / 1e6,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      files: files.length,
      agencyPdfs: pdfs.length,
      agencyPdfMiB: pdfs.reduce((s, f) => s + f.body.length, 0) / 2 ** 20,
      reportPdfKiB: (files.find((f) => f.name === 'report.pdf')?.body.length ?? 0) / 1024,
    }),
  )
}

/** Runs this file again in a child process (`args`), answering its stdout. */
function child(args: string[], endpoint: string): Promise<string> {
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', import.meta.filename, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: env(endpoint),
  })
  let out = ''
  proc.stdout.on('data', (d) => {
    out += d
  })
  return new Promise((resolve, reject) =>
    proc.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args[0]} exited ${code}`)))),
  )
}

/** dynalite in its own process, in memory or kept under `path`. */
async function startDynalite(path?: string): Promise<{ endpoint: string; proc: ChildProcess }> {
  const code = `import dynalite from 'dynalite'
const s = dynalite({ ${path ? `path: ${JSON.stringify(path)}, ` : ''}createTableMs: 0, deleteTableMs: 0 })
s.listen(0, '127.0.0.1', () => console.log(s.address().port))`
  const proc = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<string>((resolve) =>
    proc.stdout?.once('data', (d) => resolve(String(d).trim())),
  )
  return { endpoint: `http://127.0.0.1:${port}`, proc }
}

const [mode, arg] = process.argv.slice(2)
if (mode === 'seed') {
  await seed()
} else if (mode === 'measure') {
  await measure(arg as string)
} else {
  const data = process.env.BENCH_DATA
  const seeded = data !== undefined && existsSync(data)
  const dynalite = await startDynalite(data)
  try {
    if (!seeded) process.stdout.write(await child(['seed'], dynalite.endpoint))
    else console.log(`reusing the store seeded in BENCH_DATA`)
    const rows: string[] = []
    for (const month of MONTHS) {
      const r = JSON.parse(await child(['measure', month], dynalite.endpoint))
      const row = `| ${month} | ${r.readS.toFixed(1)} | ${r.renderS.toFixed(1)} | ${r.totalS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${r.peakRssMiB.toFixed(0)} | ${r.agencyPdfs} | ${r.agencyPdfMiB.toFixed(1)} |`
      console.log(row)
      rows.push(row)
    }
    console.log(`\n${AGENCIES} agencies, ${DATASETS} datasets: the national report and every agency variant`)
    console.log(
      '| month | read (s) | render (s) | total (s) | CPU, all threads (s) | peak RSS (MiB) | agency PDFs | their size (MiB) |',
    )
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    for (const row of rows) console.log(row)
  } finally {
    dynalite.proc.kill()
  }
}
