import { rm } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OverviewAgency, OverviewResponse } from '../../shared/overview.js'
import { addMonths, bangkokMonth, monthLabel } from '../../shared/time.js'
import { launchChromium, newPage } from './browser.js'
import { devToken, type RunningProduct, startDemoProduct } from './local-process.js'

/**
 * DGA's overview, the sign-in page and the Reports table on the demo data, as of the suite's clock (the second
 * day of a month: the month so far is young, the month just ended complete, and its report made).
 */
let dataDir: string
let product: RunningProduct
let browser: Browser
let asOf: number
let overview: OverviewResponse

const SIGN_IN = 'เข้าสู่ระบบ (โหมดพัฒนา)'

beforeAll(async () => {
  ;[{ product, dataDir }, browser] = await Promise.all([startDemoProduct('overview'), launchChromium()])
  asOf = await product.now()
  const res = await fetch(`${product.url}/v1/overview`, {
    headers: { authorization: `Bearer ${await devToken(product.url)}` },
  })
  expect(res.status).toBe(200)
  overview = (await res.json()) as OverviewResponse
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

/** A DGA official on the overview, through the navigation. */
async function overviewPage(): Promise<Page> {
  const page = await newPage(browser)
  await page.goto(product.url)
  await page.getByRole('button', { name: SIGN_IN }).click()
  await page.locator('nav.pages').getByRole('link', { name: 'ภาพรวม' }).click()
  await page.getByTestId('overview-figures').waitFor()
  return page
}

const tableRows = (page: Page) => page.getByTestId('overview-agencies').locator('tbody tr')
const rowIds = (page: Page) =>
  tableRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agency-id')))

describe('the sign-in page', () => {
  it('says what the product is, in Thai and in English', async () => {
    const page = await newPage(browser)
    await page.goto(product.url)
    const about = page.getByTestId('about')
    await about.waitFor()
    const thai = (await about.textContent()) ?? ''
    expect(thai).toContain('ระบบจัดอันดับการดาวน์โหลดข้อมูลเปิดภาครัฐ')
    expect(thai).toContain('DIGI Data Awards')
    expect(thai).toContain('ไม่นับบอต')
    expect(thai).toContain('ผู้บริหารหน่วยงาน')
    await page.getByRole('button', { name: 'English' }).click()
    await expect
      .poll(() => about.textContent())
      .toContain('robots and double clicks within 30 seconds left out')
    const english = (await about.textContent()) ?? ''
    expect(english).toContain('a plaque for the top 9 agencies')
    expect(english).toContain('For DGA officials')
    await expect
      .poll(() => page.locator('form.login button[type="submit"]').textContent())
      .toBe('Sign in (development)')
    await page.close()
  })
})

describe("DGA's overview", () => {
  it('shows the headline figures with their change, trend and source', async () => {
    const page = await overviewPage()
    const month = bangkokMonth(asOf)
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).textContent())
      .toBe(`ภาพรวมประจำเดือน · ${monthLabel(month, 'th')}`)
    const figures = page.getByTestId('overview-figures').locator('[data-figure]')
    expect(await figures.count()).toBe(4)
    const downloads = page.locator('[data-figure="downloads"]')
    expect(await downloads.locator('.stat-value').textContent()).toBe(
      overview.figures.downloads.value.toLocaleString('th-TH'),
    )
    expect(await downloads.locator('svg.sparkline').getAttribute('data-points')).toBe('12')
    expect(await downloads.locator('svg.sparkline').getAttribute('aria-label')).toContain('แนวโน้ม 12 เดือน')
    // The comparable period: the month before up to the same day.
    expect(await page.getByTestId('overview-comparison').textContent()).toContain(
      `เทียบกับ 1–2 ${monthLabel(addMonths(month, -1), 'th')}`,
    )
    // The figure's source: the month's ranking.
    await downloads.locator('a[data-source]').click()
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/rankings/${month}`)
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).textContent())
      .toBe(`อันดับหน่วยงาน · ${monthLabel(month, 'th')}`)
    await page.close()
  })

  it('lists movers into and out of award places and the agencies with zero downloads', async () => {
    const page = await overviewPage()
    // The demo's month just ended moves agencies across the plaque cut-off.
    const plaque = overview.lastMonthMovers?.categories.find((c) => c.subject === 'agency')
    expect(plaque?.into.length).toBeGreaterThan(0)
    expect(plaque?.outOf.length).toBeGreaterThan(0)
    const last = page.getByTestId('overview-last-month-movers').locator('[data-category="agency-plaque"]')
    await last.waitFor()
    const into = last.locator('li[data-mover="into"]')
    expect(await into.count()).toBe(plaque?.into.length)
    expect(await into.first().textContent()).toContain(plaque?.into[0]?.name.th)
    expect(await into.first().textContent()).toContain('เข้าสู่อันดับที่ได้รางวัล')
    expect(await last.locator('li[data-mover="outOf"]').count()).toBe(plaque?.outOf.length)

    const zero = overview.agencies.filter((a) => a.downloads === 0)
    expect(zero.length).toBeGreaterThan(0)
    const zeroSection = page.getByTestId('overview-zero')
    expect(await zeroSection.getByRole('heading', { level: 3 }).textContent()).toContain(
      `(${zero.length.toLocaleString('th-TH')})`,
    )
    const zeroIds = new Set(zero.map((a) => a.agencyId))
    const listed = await zeroSection
      .locator('li[data-agency-id]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-agency-id')))
    expect(listed.length).toBeGreaterThan(0)
    expect(listed.every((id) => zeroIds.has(id as string))).toBe(true)
    await page.close()
  })

  it('finds an agency by its Thai name and by its English name', async () => {
    const page = await overviewPage()
    const agency = overview.agencies.find((a) => a.name.en.includes('Department of')) as OverviewAgency
    const search = page.getByLabel('ค้นหาหน่วยงาน (ชื่อไทยหรืออังกฤษ)')
    await search.fill(agency.name.th)
    await expect.poll(() => rowIds(page)).toContain(agency.agencyId)
    const byThai = await rowIds(page)
    expect(byThai.length).toBeLessThan(overview.agencies.length)
    // English, in other case and with only part of the name: the same agency.
    const words = agency.name.en.toUpperCase().split(' ')
    await search.fill(words.slice(-2).join(' '))
    await expect.poll(() => rowIds(page)).toContain(agency.agencyId)
    expect(await page.getByTestId('overview-filter-count').textContent()).toMatch(/^แสดง \d+ จาก/)
    await search.fill('ไม่มีหน่วยงานชื่อนี้แน่นอน')
    await expect.poll(() => tableRows(page).count()).toBe(0)
    expect(await page.getByTestId('overview-filter-count').textContent()).toBe('ไม่พบหน่วยงานที่ตรงกับการค้นหา')
    await page.close()
  })

  it('filters by award group, and follows an agency link to its page', async () => {
    const page = await overviewPage()
    const provincial = overview.agencies.filter((a) => a.group === 'provincial')
    expect(provincial.length).toBeGreaterThan(0)
    await page.getByLabel('กลุ่มรางวัล').selectOption('provincial')
    await expect.poll(() => tableRows(page).count()).toBe(provincial.length)
    expect(new Set(await tableRows(page).locator('td:nth-child(2)').allTextContents())).toEqual(
      new Set(['จังหวัด']),
    )
    // The zero list follows the filter too.
    const zeroListed = page.getByTestId('overview-zero').locator('li[data-agency-id]')
    const zeroIds = await zeroListed.evaluateAll((items) =>
      items.map((i) => i.getAttribute('data-agency-id')),
    )
    const provincialIds = new Set(provincial.map((a) => a.agencyId))
    expect(zeroIds.every((id) => provincialIds.has(id as string))).toBe(true)

    const first = tableRows(page).first()
    const agencyId = (await first.getAttribute('data-agency-id')) as string
    await first.getByRole('link').first().click()
    await expect
      .poll(() => page.evaluate(() => location.hash))
      .toBe(`#/agency/${encodeURIComponent(agencyId)}`)
    await page.getByTestId('agency-name').waitFor()
    await page.close()
  })
})

describe('the Reports page', () => {
  it('is a table of months in Thai with Buddhist Era years, whose files open', async () => {
    const page = await newPage(browser)
    await page.goto(product.url)
    await page.getByRole('button', { name: SIGN_IN }).click()
    await page.locator('nav.pages').getByRole('link', { name: 'รายงานประจำเดือน' }).click()
    const month = addMonths(bangkokMonth(asOf), -1)
    const group = page.locator(`[data-testid="report-month"][data-month="${month}"]`)
    await group.waitFor()
    const header = (await group.locator('th[scope="rowgroup"]').textContent()) ?? ''
    expect(header).toBe(monthLabel(month, 'th'))
    expect(header).toMatch(/^[\u0E00-\u0E7F]+ 25\d\d$/)
    expect(await page.getByTestId('reports-table').locator('thead th').allTextContents()).toEqual([
      'เดือน',
      'ฉบับ',
      'ไฟล์',
    ])
    // The month picker of the report to make: Thai month names and Buddhist Era years, no Gregorian English.
    const picker = page.locator('select[name="generate-month"]')
    expect(await picker.locator('option').first().textContent()).toBe('มกราคม')
    const beYear = String(Number(month.slice(0, 4)) + 543)
    expect(await page.locator('select[name="generate-month-year"] option:checked').textContent()).toBe(beYear)
    expect(await page.locator('main').textContent()).not.toMatch(/January|February|November|December/)

    const download = page.waitForEvent('download')
    await group.locator('[data-version="1"] button[data-file="report.xlsx"]').click()
    expect((await download).suggestedFilename()).toBe(`ogd-rankings-${month}-v1-report.xlsx`)
    await page.close()
  })
})
