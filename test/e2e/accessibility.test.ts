import { mkdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AgencyRankingItem, Ranking } from '../../shared/api.js'
import type { Locale } from '../../shared/time.js'
import { fiscalYearOf } from '../../shared/time.js'
import { launchChromium } from './browser.js'
import { devToken, type RunningProduct, startDemoProduct } from './local-process.js'

/** A common phone and a laptop: issue #18's "phone and desktop widths". */
const WIDTHS = [390, 1366] as const
const LOCALES: Locale[] = ['th', 'en']
type Role = 'dga_admin' | 'agency_exec'

const AXE_SCRIPT = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js')
/** Screenshots of every page axe checked, kept for a person to look at (gitignored). */
const ARTIFACTS = resolve(import.meta.dirname, '../../test-results/accessibility')

/** One axe-core finding, reduced to what a failure message needs. */
interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

let dataDir: string
let product: RunningProduct
let browser: Browser
/** The agency ranked first this fiscal year: the one the executive runs, and the one DGA opens. */
let agencyId: string

beforeAll(async () => {
  ;[{ product, dataDir }, browser] = await Promise.all([
    startDemoProduct('a11y'),
    launchChromium(),
    mkdir(ARTIFACTS, { recursive: true }),
  ])
  const fy = fiscalYearOf(await product.now())
  const res = await fetch(`${product.url}/v1/rankings/agencies?fy=${fy}`, {
    headers: { authorization: `Bearer ${await devToken(product.url)}` },
  })
  agencyId = ((await res.json()) as Ranking<AgencyRankingItem>).items[0]?.agencyId as string
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

describe('axe-core over every page', () => {
  it.each(WIDTHS)('finds no violation on the sign-in page at %i px, in Thai and English', async (width) => {
    const page = await axePage(width)
    await page.goto(product.url)
    const found: string[] = []
    for (const lang of LOCALES) {
      await setLanguage(page, lang)
      await page.locator('form.login select[name="role"]').waitFor()
      found.push(...(await check(page, `signin-${lang}-${width}`)))
    }
    await page.close()
    expect(found).toEqual([])
  })

  describe.each(['dga_admin', 'agency_exec'] as Role[])('signed in as %s', (role) => {
    it.each(WIDTHS)('finds no violation of any impact at %i px, in Thai and English', async (width) => {
      // One page per role and width: the session stays, the language and the route change.
      const page = await signedInPage(role, width)
      const found: string[] = []
      for (const lang of LOCALES) {
        await setLanguage(page, lang)
        for (const hash of await navigationTargets(page, role)) {
          await open(page, hash)
          await showChartTables(page)
          found.push(...(await check(page, `${role}-${lang}-${width}-${hash}`)))
        }
      }
      await page.close()
      expect(found).toEqual([])
    })
  })

  it.each(WIDTHS)(
    'finds no violation on the public open data page at %i px, in Thai and English',
    async (width) => {
      // The page shows the newest published month: last month's report, made with the demo (demo-template.ts).
      const page = await axePage(width)
      const found: string[] = []
      for (const lang of LOCALES) {
        await page.goto(`${product.url}/open-data/${lang === 'en' ? '?lang=en' : ''}`)
        await page.getByTestId('open-data-agencies').waitFor()
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang)
        found.push(...(await check(page, `open-data-${lang}-${width}`)))
      }
      await page.close()
      expect(found).toEqual([])
    },
  )
})

/** A page of the given width signed in through the development sign-in, in Thai. */
async function signedInPage(role: Role, width: number): Promise<Page> {
  const page = await axePage(width)
  await page.goto(product.url)
  const form = page.locator('form.login')
  await form.locator('select[name="role"]').selectOption(role)
  if (role === 'agency_exec') {
    const agencies = form.locator('select[name="agencyId"]')
    await expect.poll(() => agencies.locator(`option[value="${agencyId}"]`).count()).toBe(1)
    await agencies.selectOption(agencyId)
  }
  await form.locator('button[type="submit"]').click()
  await page.locator('nav.pages a').first().waitFor()
  return page
}

/**
 * A page of the given width that lets axe-core in: the dashboard's Content-Security-Policy (`script-src 'self'`)
 * rightly refuses an injected script, so this page alone bypasses it.
 */
async function axePage(width: number): Promise<Page> {
  const page = await browser.newPage({ bypassCSP: true, viewport: { width, height: 800 } })
  page.setDefaultTimeout(120_000)
  page.setDefaultNavigationTimeout(120_000)
  return page
}

/** Switches the dashboard's language with its own button, as a reader does. */
async function setLanguage(page: Page, lang: Locale): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) {
    await page.locator('header button[data-testid="language"]').click()
  }
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang)
}

/**
 * Every page the navigation links to, read from the navigation itself (a page added later is covered too);
 * for DGA the agency picker and one agency's page.
 */
async function navigationTargets(page: Page, role: Role): Promise<string[]> {
  const hrefs = await page
    .locator('nav.pages a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
  expect(hrefs.length).toBeGreaterThanOrEqual(5)
  const agency = role === 'dga_admin' ? ['#/agency', `#/agency/${agencyId}`] : []
  return [...new Set(hrefs.flatMap((h) => (h.startsWith('#/agency') ? agency.concat(h) : [h])))]
}

/**
 * Opens a route and waits until its content has loaded: a heading in the main content and nothing still
 * loading (every read of the page answered), whatever the page.
 */
async function open(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h
  }, hash)
  // The navigation marks the page it shows: the route has rendered.
  await expect.poll(() => page.locator('nav.pages a[aria-current="page"]').getAttribute('href')).toBe(hash)
  const main = page.locator('main#main')
  await main.locator('h2').first().waitFor()
  await expect.poll(() => main.locator('.loading').count()).toBe(0)
  // A page whose first read answered may start a second one (an agency's page, then its integrity).
  await page.waitForLoadState('networkidle')
  await expect.poll(() => main.locator('.loading').count()).toBe(0)
}

/** Opens every chart's data table, so that axe checks the tables too. */
async function showChartTables(page: Page): Promise<void> {
  const toggles = page.locator('main button[data-testid="chart-table-toggle"][aria-expanded="false"]')
  while ((await toggles.count()) > 0) await toggles.first().click()
}

/** Runs axe-core on the page as it is, saves a screenshot, and returns each violation as a line. */
async function check(page: Page, name: string): Promise<string[]> {
  const file = name.replace(/\W+/g, '_').replace(/^_|_$/g, '')
  await page.screenshot({ path: join(ARTIFACTS, `${file}.png`), fullPage: true })
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<unknown> } }).axe
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]
    }
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }))
  })
  return (violations as Violation[]).map(
    (v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`,
  )
}
