import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  AgencyRankingItem,
  AwardCategoryView,
  AwardsResponse,
  FiscalYearsResponse,
  Ranking,
} from '../../shared/api.js'
import { addMonths, bangkokMonth, fiscalYearOf, monthLabel } from '../../shared/time.js'
import { launchChromium, newPage } from './browser.js'
import { type RunningProduct, startDemoProduct, startProduct } from './local-process.js'

/**
 * The rankings and awards pages as an executive and a DGA official read them, as of the suite's clock (two
 * months into FY 2570 by default) with the demo data; and a product with no data at all, whose fiscal year
 * says so.
 */
let dirs: string[] = []
let demo: RunningProduct
let empty: RunningProduct
let browser: Browser
let asOf: number

beforeAll(async () => {
  const emptyDir = await mkdtemp(join(tmpdir(), 'ogd-ranks-empty-'))
  let demoDir: string
  ;[{ product: demo, dataDir: demoDir }, empty, browser] = await Promise.all([
    startDemoProduct('ranks'),
    startProduct({ DATA_DIR: emptyDir, SEED_DEMO: '0' }),
    launchChromium(),
  ])
  dirs = [demoDir, emptyDir]
  asOf = await demo.now()
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([demo?.stop(), empty?.stop()])
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

const SIGN_IN = 'เข้าสู่ระบบ (โหมดพัฒนา)'
const th = (n: number) => n.toLocaleString('th-TH')
const currentFy = () => fiscalYearOf(asOf)

describe('the rankings page', () => {
  it('opens on the fiscal year to date, its rank change against the end of last month', async () => {
    const ranking = await getJson<Ranking<AgencyRankingItem>>(demo, `/v1/rankings/agencies?fy=${currentFy()}`)
    const page = await signedIn(demo)
    const table = page.getByTestId('agency-ranking')
    await table.waitFor()
    // A phone's first screen of rows came with the data (what the page first showed), then every row in a task
    // of its own, and the table says so.
    expect(await page.evaluate('window.__firstRankingRows')).toBe(20)
    await page.locator('[data-testid="agency-ranking"][data-complete="true"]').waitFor()
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).textContent())
      .toBe(`อันดับหน่วยงาน · ปีงบประมาณ ${currentFy()} (ถึงปัจจุบัน)`)
    expect(await page.getByRole('button', { name: 'ปีงบประมาณถึงปัจจุบัน' }).getAttribute('aria-pressed')).toBe(
      'true',
    )
    expect(await table.locator('tbody tr').count()).toBe(ranking.items.length)
    const note = page.getByTestId('rank-change-note')
    expect(await note.getAttribute('data-comparable')).toBe('true')
    const lastMonth = monthLabel(addMonths(bangkokMonth(asOf), -1), 'th')
    expect(await note.textContent()).toBe(`การเปลี่ยนแปลงอันดับ (▲▼) เทียบกับ อันดับ ณ สิ้นเดือน${lastMonth}`)
  })

  it('shows entries tied at zero as "no downloads yet", and no rank change for a month in progress', async () => {
    const month = bangkokMonth(asOf)
    const ranking = await getJson<Ranking<AgencyRankingItem>>(demo, `/v1/rankings/agencies?month=${month}`)
    const idle = ranking.items.filter((i) => i.downloads === 0)
    expect(idle.length).toBeGreaterThan(0)

    const page = await signedIn(demo)
    await page.getByTestId('agency-ranking').waitFor()
    await page.getByRole('button', { name: 'รายเดือน', exact: true }).click()
    // The month picker: a year (Buddhist Era in Thai) and a month name.
    await page.locator('select[name="month-year"]').selectOption(month.slice(0, 4))
    await page.locator('select[name="month"]').selectOption(month.slice(5))
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).textContent())
      .toBe(`อันดับหน่วยงาน · ${monthLabel(month, 'th')}`)
    const zero = page.locator('[data-testid="agency-ranking"] tbody tr[data-zero="true"]')
    await expect.poll(() => zero.count()).toBe(idle.length)
    expect(new Set(await zero.locator('td:first-child').allTextContents())).toEqual(
      new Set(['ยังไม่มีการดาวน์โหลด']),
    )
    const note = page.getByTestId('rank-change-note')
    expect(await note.getAttribute('data-comparable')).toBe('false')
    expect(await note.textContent()).toContain('เดือนนี้ยังไม่สิ้นสุด')
    const tableText = (await page.getByTestId('agency-ranking').textContent()) ?? ''
    expect(tableText).not.toMatch(/[▲▼]/)
  })

  it('lists in the year picker only the fiscal years with data, and the current one', async () => {
    const years = await getJson<FiscalYearsResponse>(demo, '/v1/fiscal-years')
    expect(years.current).toBe(currentFy())
    const offered = [...new Set([years.current, ...years.withData])].sort((a, b) => b - a)
    // A year before the demo's data is not offered, and has no data to show.
    const before = Math.min(...offered) - 1
    expect((await getJson<AwardsResponse>(demo, `/v1/awards?fy=${before}`)).noData).toBe(true)

    const page = await signedIn(demo)
    const select = page.locator('select[name="fy"][data-loaded="true"]')
    await select.waitFor()
    const values = await select
      .locator('option')
      .evaluateAll((options) => options.map((o) => Number((o as HTMLOptionElement).value)))
    expect(values).toEqual(offered)
    expect(values).not.toContain(before)
  })
})

describe('an executive of an agency outside the award places', () => {
  it('finds their own row highlighted in the ranking and, after a gap, in the agency awards', async () => {
    const awards = await getJson<AwardsResponse>(demo, `/v1/awards?fy=${currentFy()}`)
    const plaque = category(awards, 'agency-plaque')
    const shown = new Set(plaque.standings.map((s) => s.agencyId))
    const ranking = await getJson<Ranking<AgencyRankingItem>>(demo, `/v1/rankings/agencies?fy=${currentFy()}`)
    // An agency with downloads ranked past the standings the awards list shows.
    const outside = ranking.items.filter((i) => i.downloads > 0 && !shown.has(i.agencyId)).at(-1)
    if (!outside) throw new Error('the demo has no agency with downloads past the award standings')

    const page = await signedIn(demo, outside.agencyId)
    await page.getByRole('link', { name: 'อันดับหน่วยงาน', exact: true }).click()
    const mine = page.locator('[data-testid="agency-ranking"] tbody tr[data-own="true"]')
    await mine.waitFor()
    expect(await mine.getAttribute('data-agency-id')).toBe(outside.agencyId)
    expect(await mine.locator('td').first().textContent()).toBe(String(outside.rank))
    expect(await page.getByTestId('own-standing').textContent()).toContain(
      `${outside.name.th} · อันดับ ${th(outside.rank)}`,
    )

    await page.getByRole('link', { name: 'รางวัล', exact: true }).click()
    const card = page.locator('[data-category="agency-plaque"]')
    const own = card.locator(`tbody tr[data-own="true"][data-id="${outside.agencyId}"]`)
    await own.waitFor()
    expect(await card.getByTestId('gap-row').count()).toBe(1)
    // The gap sits right above the executive's row, below the standings shown.
    expect(
      await card.locator('tbody tr').evaluateAll((rows) => {
        const i = rows.findIndex((r) => r.getAttribute('data-own') === 'true')
        return rows[i - 1]?.getAttribute('data-testid')
      }),
    ).toBe('gap-row')
    expect(await own.locator('td').first().textContent()).toBe(th(outside.rank))
    expect(await own.textContent()).toContain('ยังไม่อยู่ในอันดับที่ได้รางวัล')
    expect(await own.textContent()).toContain('ของคุณ')
  })
})

describe('the awards page while the fiscal year runs', () => {
  it('says the standings are provisional, with each category’s cut-off so far and its projected year-end cut-off', async () => {
    const awards = await getJson<AwardsResponse>(demo, `/v1/awards?fy=${currentFy()}`)
    expect(awards.provisional).toBe(true)
    const plaque = category(awards, 'agency-plaque')
    const projected = plaque.projectedCutoff
    if (!projected) throw new Error('no projected cut-off for the agency plaque')

    const page = await signedIn(demo)
    await page.getByTestId('agency-ranking').waitFor()
    await page.getByRole('link', { name: 'รางวัล', exact: true }).click()
    const status = page.getByTestId('awards-status')
    await status.waitFor()
    expect(await status.getAttribute('data-provisional')).toBe('true')
    expect(await status.textContent()).toContain('ผลเบื้องต้น')
    const card = page.locator('[data-category="agency-plaque"]')
    expect(await card.getByText('เกณฑ์รางวัล ณ ขณะนี้', { exact: true }).count()).toBe(1)
    expect(await card.getByTestId('cutoff').textContent()).toBe(`${th(plaque.cutoff as number)} ดาวน์โหลด`)
    expect(await card.getByTestId('projected-cutoff').textContent()).toBe(
      `≈ ${th(projected.mid)} (${th(projected.low)}–${th(projected.high)})`,
    )
    const badges = await card.locator('tbody tr[data-awarded="true"] .badge.won').allTextContents()
    expect(badges.length).toBe(plaque.qualifying)
    expect(new Set(badges)).toEqual(new Set(['อยู่ในอันดับที่ได้รางวัลขณะนี้']))
    expect(await card.textContent()).not.toContain('ได้รับรางวัล')
  })
})

describe('a fiscal year without data', () => {
  it('says so on the awards page, with no cut-off or standings, and the picker offers only the current year', async () => {
    const page = await signedIn(empty)
    await page.getByTestId('agency-ranking').waitFor()
    await page.getByTestId('ranking-empty').waitFor()
    await page.getByRole('link', { name: 'รางวัล', exact: true }).click()
    const none = page.getByTestId('awards-no-data')
    await none.waitFor()
    expect(await none.textContent()).toBe('ยังไม่มีข้อมูลของปีงบประมาณนี้')
    expect(await page.locator('[data-category]').count()).toBe(0)
    expect(await page.getByTestId('cutoff').count()).toBe(0)
    const select = page.locator('select[name="fy"][data-loaded="true"]')
    await select.waitFor()
    expect(await select.locator('option').allTextContents()).toEqual([`ปีงบประมาณ ${currentFy()}`])
  })
})

/** A page signed in through the development login: as DGA, or as the executive of `agencyId`. */
async function signedIn(product: RunningProduct, agencyId?: string): Promise<Page> {
  const page = await newPage(browser)
  // How many rows the agency ranking first showed (a script as text: the page has no tsx helpers).
  await page.addInitScript(`
    new MutationObserver((_, observer) => {
      const rows = document.querySelectorAll('[data-testid="agency-ranking"] tbody tr').length;
      if (rows === 0) return;
      window.__firstRankingRows = rows;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  `)
  await page.goto(product.url)
  if (agencyId) {
    await page.getByLabel('บทบาท').selectOption('agency_exec')
    const agencies = page.locator('select[name="agencyId"]')
    await expect.poll(() => agencies.locator(`option[value="${agencyId}"]`).count()).toBe(1)
    await agencies.selectOption(agencyId)
  }
  await page.getByRole('button', { name: SIGN_IN }).click()
  return page
}

const tokens = new Map<RunningProduct, Promise<string>>()

/** A DGA official's read of the product's API. */
async function getJson<T>(product: RunningProduct, path: string): Promise<T> {
  if (!tokens.has(product)) {
    const token = send(product, '/v1/dev/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'dga_admin' }),
    }).then(async (res) => ((await res.json()) as { token: string }).token)
    tokens.set(product, token)
  }
  const res = await send(product, path, { headers: { authorization: `Bearer ${await tokens.get(product)}` } })
  expect(res.status).toBe(200)
  return (await res.json()) as T
}

/**
 * A request to the product, sent once more if the connection was reset: a kept-alive socket the server closed
 * as the request left (a race of the HTTP client's, not an answer of the product's).
 */
async function send(product: RunningProduct, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`${product.url}${path}`, init)
  } catch {
    return fetch(`${product.url}${path}`, init)
  }
}

const category = (awards: AwardsResponse, id: string) =>
  awards.categories.find((c) => c.id === id) as AwardCategoryView
