import { mkdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AgencyRankingItem, Ranking } from '../../shared/api.js'
import type { Locale } from '../../shared/time.js'
import { fiscalYearOf } from '../../shared/time.js'
import { translate } from '../../web/src/i18n/dga-pages.js'
import { launchChromium, newPage } from './browser.js'
import { devToken, type RunningProduct, startDemoProduct } from './local-process.js'

/** Phone (small and common), tablet and laptop widths: issue #18's "every width from 320 px". */
const WIDTHS = [320, 390, 768, 1366] as const
const LOCALES: Locale[] = ['th', 'en']
type Role = 'dga_admin' | 'agency_exec'

/** Screenshots of every page at every width, kept for a person to look at (gitignored). */
const ARTIFACTS = resolve(import.meta.dirname, '../../test-results/responsive')

let dataDir: string
let product: RunningProduct
let browser: Browser
/** The agency ranked first this fiscal year: the one the executive runs, and the one DGA opens. */
let agencyId: string

beforeAll(async () => {
  ;[{ product, dataDir }, browser] = await Promise.all([
    startDemoProduct('responsive'),
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

/** What shows that a page's main content has loaded, by the route's first segment. */
const READY: Record<string, (main: Locator, lang: Locale) => Locator> = {
  overview: (main) => main.getByTestId('overview-agencies'),
  // Every row (the first screen's come first, the rest in the next task): the widest may be any of them.
  rankings: (main) => main.locator('[data-testid="agency-ranking"][data-complete="true"]'),
  awards: (main) => main.locator('[data-category]').first(),
  agency: (main) => main.getByTestId('agency-datasets'),
  reports: (main) => main.getByTestId('report-month').first(),
  subscriptions: (main, lang) =>
    main.getByTestId('subscriptions').or(main.getByText(translate(lang, 'noSubscriptions'))),
  settings: (main) => main.getByTestId('programme-form'),
}

describe.each(['dga_admin', 'agency_exec'] as Role[])('the dashboard signed in as %s', (role) => {
  it.each(LOCALES)(
    'fits every page on screens 320 to 1366 px wide, in %s, with a skip link',
    async (lang) => {
      for (const width of WIDTHS) {
        const page = await signedInPage(role, lang, width)
        const landed = page.getByTestId('agency-ranking').or(page.getByTestId('agency-name')).first()
        await landed.waitFor()
        // A fresh document (the session stays with the tab), so the keyboard starts from the top of the page.
        await page.reload()
        await landed.waitFor()
        await expectSkipLinkWorks(page)

        for (const hash of await navigationTargets(page, role)) {
          await page.evaluate((h) => {
            location.hash = h
          }, hash)
          const ready = READY[hash.split('/')[1] ?? '']
          expect(ready, `a ready condition for ${hash}`).toBeDefined()
          await ready?.(page.locator('main#main'), lang).waitFor()
          const fits = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
          }))
          const name = `${role}-${lang}-${width}-${hash.replace(/\W+/g, '_').replace(/^_|_$/g, '')}`
          await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
          expect(fits.scrollWidth, `${name} is no wider than the screen`).toBeLessThanOrEqual(fits.innerWidth)
        }
        await page.close()
      }
    },
  )
})

describe('the public open data page (no sign-in)', () => {
  it.each(LOCALES)('fits screens 320 to 1366 px wide, in %s', async (lang) => {
    for (const width of WIDTHS) {
      const page = await newPage(browser)
      await page.setViewportSize({ width, height: 800 })
      await page.addInitScript((l) => localStorage.setItem('locale', l), lang)
      // From the sign-in page's link, in the reader's language. Last month's report is made (beforeAll): the
      // page shows its rankings.
      await page.goto(product.url)
      await page.getByTestId('open-data-link').click()
      await page.getByTestId('open-data-agencies').waitFor()
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang)
      expect(await page.getByTestId('open-data-agencies').locator('tbody tr').count()).toBeGreaterThan(0)
      const fits = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }))
      const name = `open-data-${lang}-${width}`
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
      expect(fits.scrollWidth, `${name} is no wider than the screen`).toBeLessThanOrEqual(fits.innerWidth)
      await page.close()
    }
  })
})

/** A page of the given width and language, signed in through the development sign-in. */
async function signedInPage(role: Role, lang: Locale, width: number): Promise<Page> {
  const page = await newPage(browser)
  await page.setViewportSize({ width, height: 800 })
  await page.addInitScript((l) => localStorage.setItem('locale', l), lang)
  await page.goto(product.url)
  const form = page.locator('form.login')
  await form.locator('select[name="role"]').selectOption(role)
  if (role === 'agency_exec') {
    const agencies = form.locator('select[name="agencyId"]')
    await expect.poll(() => agencies.locator(`option[value="${agencyId}"]`).count()).toBe(1)
    await agencies.selectOption(agencyId)
  }
  await form.locator('button[type="submit"]').click()
  return page
}

/** Every page the navigation links to; DGA's agency page with an agency chosen. */
async function navigationTargets(page: Page, role: Role): Promise<string[]> {
  const hrefs = await page
    .locator('nav.pages a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
  expect(hrefs.length).toBeGreaterThanOrEqual(5)
  return hrefs.map((h) => (role === 'dga_admin' && h === '#/agency' ? `#/agency/${agencyId}` : h))
}

/** The first Tab reaches the skip link, which then shows; following it moves focus to the main content. */
async function expectSkipLinkWorks(page: Page): Promise<void> {
  const skip = page.locator('a.skip-link')
  expect(await skip.getAttribute('href')).toBe('#main')
  // Out of sight until the keyboard reaches it.
  const hidden = await skip.boundingBox()
  expect((hidden?.y ?? 0) + (hidden?.height ?? 0)).toBeLessThanOrEqual(0)
  await page.keyboard.press('Tab')
  expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true)
  const box = await skip.boundingBox()
  const viewport = page.viewportSize()
  expect(box && viewport && box.y >= 0 && box.x >= 0 && box.x + box.width <= viewport.width).toBe(true)
  expect(await skip.evaluate((el) => el.checkVisibility({ opacityProperty: true }))).toBe(true)
  const hash = await page.evaluate(() => location.hash)
  await page.keyboard.press('Enter')
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main')
  expect(await page.evaluate(() => location.hash)).toBe(hash)
}
