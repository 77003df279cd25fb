/**
 * `npm run bench -- NAME`: runs bench/NAME.ts (each benchmark prints its own figures).
 * `npm run bench` alone runs the scale suite of issue 19 in one run, one benchmark after another in a process
 * of its own (so one's heap and servers do not weigh on the next): rollup items read per new event at 10k,
 * 100k and 1M events in the day; first-read and warm latency of each read endpoint at 1,000 agencies and
 * 100,000 datasets; the national report at 500 agencies; `/healthz` against a bare Hono app.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'

const SUITE = ['rollup', 'read-api', 'report', 'overhead']

const names = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
const name = process.argv[2]
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
if (name === undefined) {
  const started = Date.now()
  for (const bench of SUITE) {
    console.log(`\n## npm run bench -- ${bench}\n`)
    // `--expose-gc`: a benchmark that hosts its own store collects the seeding's garbage between phases (read-api),
    // so it is not charged to the first endpoint measured warm, as `npm run bench:read-api` always did.
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, bench], {
      stdio: 'inherit',
    })
    if (run.status !== 0) {
      console.error(`${bench} failed (exit ${run.status ?? run.signal})`)
      process.exit(1)
    }
  }
  console.log(`\nScale suite done in ${((Date.now() - started) / 60_000).toFixed(1)} min.`)
} else if (!names.includes(name)) {
  console.error(`Usage: npm run bench [-- <${names.join('|')}>]`)
  process.exit(2)
} else {
  await import(`./${name}.ts`)
}
