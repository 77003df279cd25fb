import { rm } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDemoCatalog } from '../../functions/demo/seed.js'
import { SPIKE_AGENCY } from '../../functions/demo/traffic.js'
import type { AwardCategoryView, AwardsResponse, PerformanceResponse } from '../../shared/api.js'
import type { ReviewsResponse } from '../../shared/reviews.js'
import { fiscalYearOf } from '../../shared/time.js'
import { launchChromium, newPage } from './browser.js'
import { devToken, PATIENCE_MS, type RunningProduct, startDemoProduct } from './local-process.js'

let dataDir: string
let product: RunningProduct
let browser: Browser
/** The fiscal year the dashboard opens on, as of the product's clock (OGD_NOW, vitest.config.ts). */
let fy: number
let token: string

beforeAll(async () => {
  ;[{ product, dataDir }, browser] = await Promise.all([startDemoProduct('reviews'), launchChromium()])
  fy = fiscalYearOf(await product.now())
  token = await devToken(product.url)
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${product.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  return (await res.json()) as T
}

const plaqueOf = async () =>
  (await getJson<AwardsResponse>(`/v1/awards?fy=${fy}`)).categories.find(
    (c) => c.id === 'agency-plaque',
  ) as AwardCategoryView

describe('the award review queue in a real browser', () => {
  it("lets DGA discount the gamed agency's spike: standings, cut-off and the agency at rank 10 follow", async () => {
    const gamed = buildDemoCatalog().agencies.find((a) => a.slug === SPIKE_AGENCY)?.agencyId as string
    // The demo's gamed agency is in the queue, first and awarded, with both warning signs as evidence.
    const queue = await getJson<ReviewsResponse>(`/v1/awards/${fy}/reviews`)
    const entry = queue.items.find((i) => i.subjectId === gamed)
    expect(entry).toMatchObject({ subject: 'agency', rank: 1, awarded: true })
    expect(entry?.evidence.map((e) => e.kind).sort()).toEqual(['concentration', 'spike'])
    const before = await plaqueOf()
    const tenth = before.standings.find((s) => s.rank === 10 && !s.awarded)?.agencyId as string
    expect(tenth).toBeDefined()

    const page = await newPage(browser)
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    await page.getByRole('link', { name: 'รางวัล', exact: true }).click()
    const plaque = page.locator('[data-category="agency-plaque"]')
    await plaque.waitFor()
    expect(await plaque.locator(`tr[data-id="${gamed}"]`).getAttribute('data-awarded')).toBe('true')
    expect(await plaque.locator(`tr[data-id="${tenth}"]`).getAttribute('data-awarded')).toBe('false')

    const review = page.locator(`[data-testid="review-entry"][data-subject="${gamed}"]`)
    await review.waitFor()
    // The form opens on a discount of the days that stand out: the spike's days.
    expect(await review.locator('select[name="decision"]').inputValue()).toBe('discount')
    const ticked = review.locator('input[name="day"]:checked')
    expect(await ticked.count()).toBeGreaterThanOrEqual(5)

    // Without a reason the server refuses, and the page says why.
    await review.getByRole('button', { name: 'บันทึกคำตัดสิน' }).click()
    await expect.poll(() => review.getByTestId('review-error').textContent()).toContain('reason')

    await review.locator('textarea[name="reason"]').fill('สามเครื่องดาวน์โหลดซ้ำตลอดแปดวัน')
    await review.getByRole('button', { name: 'บันทึกคำตัดสิน' }).click()

    // The standings follow: the gamed agency leaves the places with its award count shown, rank 10 is in.
    const gamedRow = plaque.locator(`tr[data-id="${gamed}"]`)
    await expect.poll(() => gamedRow.getAttribute('data-awarded'), { timeout: PATIENCE_MS }).toBe('false')
    await gamedRow.getByTestId('award-count').waitFor()
    expect(await gamedRow.getByTestId('review-badge').textContent()).toBe('ตรวจแล้ว: หักยอด')
    expect(await plaque.locator(`tr[data-id="${tenth}"]`).getAttribute('data-awarded')).toBe('true')

    const after = await plaqueOf()
    expect(after.cutoff).toBeLessThan(before.cutoff as number)
    expect(await plaque.getByTestId('cutoff').textContent()).toContain(
      (after.cutoff as number).toLocaleString('th-TH'),
    )
    const discounted = after.standings.find((s) => s.agencyId === gamed)
    expect(discounted?.review?.discounted).toBeGreaterThan(5000)
    // The projection starts from the award count, not from the spike.
    const performance = await getJson<PerformanceResponse>(`/v1/agencies/${gamed}/performance?fy=${fy}`)
    expect(performance.awardCount).toBe(discounted?.awardCount)
    expect(performance.projection).toBeLessThan(performance.downloads)

    // Far below the standings it led, the discounted entry sits after a "…" row whenever entries in between
    // are left out of the list.
    const others = after.standings.filter(
      (s) => s.agencyId !== gamed && s.rank < (discounted?.rank as number),
    )
    const lastAbove = Math.max(...others.map((s) => s.rank))
    const tiedAtLast = others.filter((s) => s.rank === lastAbove).length
    const above = await plaque.locator('tbody tr').evaluateAll((rows, id) => {
      const i = rows.findIndex((r) => r.getAttribute('data-id') === id)
      return rows[i - 1]?.getAttribute('data-testid') ?? rows[i - 1]?.getAttribute('class')
    }, gamed)
    if ((discounted?.rank as number) > lastAbove + tiedAtLast) expect(above).toBe('gap-row')
    else expect(above).not.toBe('gap-row')

    // The Rankings page: the gamed agency keeps its counted rank, with DGA's badge and its award count.
    await page.getByRole('link', { name: 'อันดับหน่วยงาน', exact: true }).click()
    await page.getByTestId('ranking-view').getByRole('button', { name: 'ปีงบประมาณถึงปัจจุบัน' }).click()
    const rankingRow = page.locator(`[data-testid="agency-ranking"] tr[data-agency-id="${gamed}"]`)
    await expect
      .poll(() => rankingRow.getByTestId('review-badge').textContent(), { timeout: PATIENCE_MS })
      .toBe('ตรวจแล้ว: หักยอด')
    expect(await rankingRow.locator('td').first().textContent()).toBe('1')
    expect(await rankingRow.getByTestId('award-count').textContent()).toContain(
      Number(discounted?.awardCount).toLocaleString('th-TH'),
    )
    // The month's ranking shows the badge too.
    await page.getByTestId('ranking-view').getByRole('button', { name: 'รายเดือน' }).click()
    await expect
      .poll(() => rankingRow.getByTestId('review-badge').textContent(), { timeout: PATIENCE_MS })
      .toBe('ตรวจแล้ว: หักยอด')

    // The agency's own page says what DGA decided, in plain words, with DGA's reason.
    const exec = await newPage(browser)
    await exec.goto(`${product.url}/#/agency/${encodeURIComponent(gamed)}`)
    await exec.getByLabel('บทบาท').selectOption('agency_exec')
    const agencySelect = exec.locator('select[name="agencyId"]')
    await expect.poll(() => agencySelect.locator('option').count()).toBeGreaterThan(100)
    await agencySelect.selectOption(gamed)
    await exec.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    const notice = exec.getByTestId('agency-review')
    await notice.waitFor()
    expect(await notice.getAttribute('data-decision')).toBe('discount')
    expect(await exec.getByTestId('agency-review-reason').textContent()).toBe('สามเครื่องดาวน์โหลดซ้ำตลอดแปดวัน')
    expect(await exec.getByTestId('agency-review-sentence').textContent()).toContain(
      `ใช้ ${Number(discounted?.awardCount).toLocaleString('th-TH')} จากที่นับได้`,
    )
  })
})
