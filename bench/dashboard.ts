/**
 * The dashboard on a phone: (1) its JavaScript, gzipped, as Vite builds it — what the first page loads and all of
 * it — against 100 KB; (2) time to usable of the first signed-in page on a mid-range phone profile (390×844,
 * Chromium's CPU throttled ×4 through CDP, loopback network, a cold cache each run), against 1 s.
 *
 * "Usable" is the first moment, measured in the page from the navigation's start, when the page's main content
 * shows data: for DGA the rankings page's table has its rows and its top-ten chart is drawn; for an executive
 * their agency page's headline figures are shown and its chart is drawn. The sign-in is already done (a
 * returning reader, whose session is in the tab): the time is the dashboard's, not the person's.
 *
 * Run: `npm run bench -- dashboard` (needs Debian's chromium, like the browser tests); `npm run bench -- dashboard
 * --size-only` builds and sizes the JavaScript only, and exits 1 when the first load is over its budget.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import type { AgencyRankingItem, DevSession, Ranking } from '../shared/api.js'
import { fiscalYearOf } from '../shared/time.js'
import { launchChromium } from '../test/e2e/browser.js'
import { devToken, startProduct } from '../test/e2e/local-process.js'
import { quantile, round } from './lib/stats.js'
import { FIRST_LOAD_BUDGET_GZIP, firstLoadGzip, measureWebBundle } from './lib/web-bundle.js'

const RUNS = 7
const CPU_THROTTLING = 4
const PHONE = { width: 390, height: 844 }
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`

/** Milliseconds from navigation start to usable, one cold run on the phone profile. */
async function timeToUsable(browser: Browser, url: string, session: DevSession): Promise<number> {
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
  // A script as text, not a function: tsx's compiled functions call a helper (`__name`) the page does not have.
  const content =
    session.role === 'dga_admin'
      ? '[data-testid="agency-ranking"] tbody tr'
      : '[data-testid="headline-cards"] > *'
  await page.addInitScript(`
    sessionStorage.setItem('session', ${JSON.stringify(JSON.stringify(session))});
    // What "usable" means on each role's first page (see above), checked on every change of the document.
    const observer = new MutationObserver(() => {
      if (document.querySelector(${JSON.stringify(content)}) === null) return;
      if (document.querySelector('main canvas[data-drawn="true"]') === null) return;
      window.__usableAt = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
  `)
  await page.goto(url)
  const at = await page.waitForFunction(() => (window as unknown as { __usableAt?: number }).__usableAt)
  const ms = (await at.jsonValue()) as number
  await context.close()
  return ms
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
  const dataDir = await mkdtemp(join(tmpdir(), 'ogd-bench-dashboard-'))
  const [product, browser] = await Promise.all([
    startProduct({ DATA_DIR: dataDir, SEED_DEMO: '1' }),
    launchChromium(),
  ])
  try {
    // The demo's two newest months are in (this fiscal year's pages have their data); the older months go on
    // loading in the same process, so the figures are those of a busy server, not a quiet one.
    await product.waitForOutput(/loaded and counted[\s\S]*loaded and counted/)
    const fy = fiscalYearOf(await product.now())
    const token = await devToken(product.url)
    const ranking = (await (
      await fetch(`${product.url}/v1/rankings/agencies?fy=${fy}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as Ranking<AgencyRankingItem>
    const agencyId = ranking.items[0]?.agencyId as string
    const rows = ['| first page | runs | median | min | max |', '| --- | ---: | ---: | ---: | ---: |']
    for (const [role, agencyIds, page] of [
      ['dga_admin', [], 'DGA: rankings'],
      ['agency_exec', [agencyId], 'executive: own agency'],
    ] as const) {
      const session = (await (
        await fetch(`${product.url}/v1/dev/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role, agencyIds }),
        })
      ).json()) as DevSession
      await timeToUsable(browser, product.url, session) // warm the server's caches, not the browser's
      const times: number[] = []
      for (let i = 0; i < RUNS; i++) times.push(await timeToUsable(browser, product.url, session))
      rows.push(
        `| ${page} | ${RUNS} | **${round(quantile(times, 0.5), 0)} ms** | ${round(Math.min(...times), 0)} ms | ${round(Math.max(...times), 0)} ms |`,
      )
    }
    console.log(
      [
        `Time to usable on a phone profile (${PHONE.width}×${PHONE.height}, CPU ×${CPU_THROTTLING}, loopback, cold cache):`,
        '',
        ...rows,
      ].join('\n'),
    )
  } finally {
    await browser.close()
    await product.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
