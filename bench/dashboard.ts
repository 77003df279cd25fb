/**
 * The dashboard on a phone: (1) its JavaScript, gzipped, as Vite builds it — what the first page loads and all of
 * it — against 100 KB; (2) time to usable of the first signed-in page on a mid-range phone profile (390×844,
 * Chromium's CPU throttled ×4 through CDP, loopback network, a cold cache each run), against 1 s.
 *
 * "Usable" is the first moment, measured in the page from the navigation's start, when the page's main content
 * shows data: for DGA the rankings page's table has its first screen of rows (20: the rest follow in the next
 * task, "every row shown" in the breakdown) and its top-ten chart is drawn; for an executive
 * their agency page's headline figures are shown and its chart is drawn. The sign-in is already done (a
 * returning reader, whose session and server clock are in the tab): the time is the dashboard's, not the
 * person's. Each role's
 * time is broken down (bench/lib/page-timeline.ts): the document, files and API requests, the dashboard's marks,
 * the moments the page changed and the main thread's long tasks, the median of each step.
 *
 * Run: `npm run bench -- dashboard` (needs Debian's chromium, like the browser tests); `npm run bench -- dashboard
 * --size-only` builds and sizes the JavaScript only, and exits 1 when the first load is over its budget.
 * `BENCH_DATA_DIR=<dir>` loads the demo into `dir` once and keeps it for the next run; `BENCH_PROFILE_DIR=<dir>`
 * writes a CPU profile of each timed page's JavaScript there (Chrome's format).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import type { AgencyRankingItem, DevSession, Ranking } from '../shared/api.js'
import { fiscalYearOf } from '../shared/time.js'
import { launchChromium } from '../test/e2e/browser.js'
import { devToken, startProduct } from '../test/e2e/local-process.js'
import {
  breakdownRows,
  readTimeline,
  type Timeline,
  timelineInitScript,
  whenSettled,
} from './lib/page-timeline.js'
import { quantile, round } from './lib/stats.js'
import { FIRST_LOAD_BUDGET_GZIP, firstLoadGzip, measureWebBundle } from './lib/web-bundle.js'

const RUNS = 7
const CPU_THROTTLING = 4
const PHONE = { width: 390, height: 844 }
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`

/** One cold run on the phone profile: navigation start to usable, and where the time went. */
async function timeToUsable(
  browser: Browser,
  url: string,
  session: DevSession,
  clockOffset: number,
): Promise<Timeline> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  })
  const page = await context.newPage()
  page.setDefaultTimeout(120_000)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING })
  // What "usable" means on each role's first page (see above), beside the chart being drawn.
  const content =
    session.role === 'dga_admin'
      ? '[data-testid="agency-ranking"] tbody tr'
      : '[data-testid="headline-cards"] > *'
  // What a returning reader's tab holds: their session, and the server clock's offset every load keeps
  // (web/src/state/clock.ts).
  await page.addInitScript(
    `sessionStorage.setItem('session', ${JSON.stringify(JSON.stringify(session))}); sessionStorage.setItem('serverClockOffset', '${clockOffset}');`,
  )
  // The rankings page shows a phone's screen of rows with its data and the rest in the next task: usable with
  // those, and the moment it has every row printed beside (web/src/pages/Rankings).
  await page.addInitScript(
    timelineInitScript(
      content,
      session.role === 'dga_admin' ? '[data-testid="agency-ranking"][data-complete="true"]' : undefined,
    ),
  )
  // BENCH_PROFILE_DIR=<dir>: the page's JavaScript profiled from the navigation to the timeline's end.
  const profileDir = process.env.BENCH_PROFILE_DIR
  if (profileDir) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.start')
  }
  const settled = whenSettled(page)
  await page.goto(url)
  await settled
  const timeline = await readTimeline(page)
  if (profileDir) {
    const { profile } = await cdp.send('Profiler.stop')
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(profileDir, `${session.role}-${Date.now()}.cpuprofile`), JSON.stringify(profile))
  }
  await context.close()
  return timeline
}

const files = (await measureWebBundle()).sort(
  (a, b) => Number(b.firstLoad) - Number(a.firstLoad) || b.gzip - a.gzip,
)
const initial = files.filter((f) => f.firstLoad)
const sum = (list: typeof files, k: 'bytes' | 'gzip') => list.reduce((s, f) => s + f[k], 0)
const firstLoad = firstLoadGzip(files)
const lines = [
  '| JavaScript file | minified | gzip | loaded |',
  '| --- | ---: | ---: | --- |',
  ...files.map(
    (f) =>
      `| ${f.file.replace(/-[\w-]{8}\.js$/, '.js')} | ${kb(f.bytes)} | ${kb(f.gzip)} | ${f.firstLoad ? 'first load' : 'when its page is first shown'} |`,
  ),
  `| **first load** | ${kb(sum(initial, 'bytes'))} | **${kb(firstLoad)}** | |`,
  `| **all** | ${kb(sum(files, 'bytes'))} | **${kb(sum(files, 'gzip'))}** | |`,
  '',
  `First load: ${kb(firstLoad)} gzipped, budget ${kb(FIRST_LOAD_BUDGET_GZIP)}: ${firstLoad <= FIRST_LOAD_BUDGET_GZIP ? 'within' : 'OVER BUDGET'}.`,
  '',
]
console.log(lines.join('\n'))
if (firstLoad > FIRST_LOAD_BUDGET_GZIP) process.exitCode = 1

if (!process.argv.includes('--size-only')) await measureTimesToUsable()

/** The time-to-usable half: the product with the demo, each role's first page on the phone profile. */
async function measureTimesToUsable(): Promise<void> {
  // BENCH_DATA_DIR keeps the loaded demo for the next run (loading it takes minutes); else a new directory.
  const kept = process.env.BENCH_DATA_DIR
  const dataDir = kept ?? (await mkdtemp(join(tmpdir(), 'ogd-bench-dashboard-')))
  const [product, browser] = await Promise.all([
    startProduct({ DATA_DIR: dataDir, SEED_DEMO: '1' }),
    launchChromium(),
  ])
  try {
    // The whole demo loaded and last month's report made, as the browser tests start it: the server is quiet
    // while the page is timed (before, the older months were still loading into the same process).
    await product.waitForOutput(/Demo data (ready|already loaded)/)
    if (!product.output().includes('Demo data already loaded'))
      await product.waitForOutput(/Monthly report \d{4}-\d{2}: (version \d+ stored|unchanged)/)
    // The executive's agency: the year's first in the ranking, asked for once DGA's first visit is timed (asking
    // before would warm the server's ranking for it).
    const topAgency = async () => {
      const fy = fiscalYearOf(await product.now())
      const res = await fetch(`${product.url}/v1/rankings/agencies?fy=${fy}`, {
        headers: { authorization: `Bearer ${await devToken(product.url)}` },
      })
      return ((await res.json()) as Ranking<AgencyRankingItem>).items[0]?.agencyId as string
    }
    const breakdowns: string[] = []
    const firsts = [
      "| first page | usable | the server's first answers (request's start to end) |",
      '| --- | ---: | --- |',
    ]
    const rows = ['| first page | runs | median | min | max |', '| --- | ---: | ---: | ---: | ---: |']
    for (const [role, page] of [
      ['dga_admin', 'DGA: rankings'],
      ['agency_exec', 'executive: own agency'],
    ] as const) {
      const agencyIds = role === 'agency_exec' ? [await topAgency()] : []
      const session = (await (
        await fetch(`${product.url}/v1/dev/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role, agencyIds }),
        })
      ).json()) as DevSession
      // One earlier visit by anyone warms the server's caches (a reader is rarely the first of the day); the
      // browser's cache is cold in every run (a new context each). That first visit is shown on its own.
      // The offset a tab keeps from the server's sign-in configuration (the demo's clock may not be today's).
      const clockOffset = (await product.now()) - Date.now()
      const first = await timeToUsable(browser, product.url, session, clockOffset)
      firsts.push(
        `| ${page} | ${round(first.usable, 0)} ms | ${first.steps
          .filter((s) => s.label.startsWith('GET /v1/') && !s.label.includes('/auth/'))
          .map((s) => `${s.label} ${round(s.end - s.start, 0)} ms`)
          .join('; ')} |`,
      )
      const runs: Timeline[] = []
      for (let i = 0; i < RUNS; i++) runs.push(await timeToUsable(browser, product.url, session, clockOffset))
      const times = runs.map((r) => r.usable)
      breakdowns.push(
        '',
        `${page}, where the time goes (median of each step over ${RUNS} runs):`,
        '',
        ...breakdownRows(runs),
      )
      rows.push(
        `| ${page} | ${RUNS} | **${round(quantile(times, 0.5), 0)} ms** | ${round(Math.min(...times), 0)} ms | ${round(Math.max(...times), 0)} ms |`,
      )
    }
    console.log(
      [
        `Time to usable on a phone profile (${PHONE.width}×${PHONE.height}, CPU ×${CPU_THROTTLING}, loopback, cold cache):`,
        '',
        ...rows,
        '',
        'The first visit after the server started (its caches cold), not counted above:',
        '',
        ...firsts,
        ...breakdowns,
      ].join('\n'),
    )
  } finally {
    await browser.close()
    await product.stop()
    if (!kept) await rm(dataDir, { recursive: true, force: true })
  }
}
