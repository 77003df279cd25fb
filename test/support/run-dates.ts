/**
 * `npm run test:dates [-- vitest options]`: the integration and browser suites "as of" each awkward date of
 * the product's calendars (TEST_NOW sets OGD_NOW for the product and the tests; see vitest.config.ts). Prints
 * one line per date with its result and duration; exits non-zero when any date fails.
 */
import { spawnSync } from 'node:child_process'

export const AWKWARD_DATES = [
  ['the first minutes of a fiscal year, before the 02:00 report', '2026-10-01T00:30:00+07:00'],
  ['the second day of a fiscal year', '2026-10-02T09:00:00+07:00'],
  ['the last day of a fiscal year', '2026-09-30T23:30:00+07:00'],
  ["a month's first day, before the 02:00 report", '2026-11-01T01:30:00+07:00'],
  ['29 February', '2028-02-29T12:00:00+07:00'],
  ['the day these suites were made fixed (the default)', '2026-12-02T10:00:00+07:00'],
] as const

// `--skip-default`: leave out the default date (npm test already runs it).
const skipDefault = process.argv.includes('--skip-default')
const extra = process.argv.slice(2).filter((a) => a !== '--skip-default')
const projects = extra.length > 0 ? extra : ['--project', 'integration', '--project', 'e2e']
const results: string[] = []
let failed = 0
for (const [what, at] of AWKWARD_DATES.slice(0, skipDefault ? -1 : undefined)) {
  const started = Date.now()
  const run = spawnSync('npx', ['vitest', 'run', ...projects], {
    stdio: 'inherit',
    env: { ...process.env, TEST_NOW: at },
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  if (run.status !== 0) failed++
  results.push(`${run.status === 0 ? 'passed' : 'FAILED'}  ${at}  ${what}  (${seconds} s)`)
}
console.log(`\nThe suites as of each date:\n${results.join('\n')}`)
process.exit(failed > 0 ? 1 : 0)
