import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signUnsubscribeToken } from '../../functions/email/unsubscribe-token.js'
import type {
  AgencyActionsResponse,
  AgencyRankingItem,
  AwardCategoryView,
  AwardsResponse,
  IntegrityResponse,
  PerformanceResponse,
  Ranking,
} from '../../shared/api.js'
import { addMonths, bangkokMonth, fiscalYearOf, monthLabel } from '../../shared/time.js'
import { breakableParts } from '../../shared/word-wrap.js'
import { warningCount } from '../../web/src/pages/Agency/integrity.js'
import { launchChromium, newPage } from './browser.js'
import { PATIENCE_MS, type RunningProduct, startProduct } from './local-process.js'

let dataDir: string
let product: RunningProduct
let browser: Browser
/** The product's clock once the demo is loaded: the suite runs as of OGD_NOW (vitest.config.ts), not today. */
let asOf: number

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ogd-e2e-'))
  ;[product, browser] = await Promise.all([
    startProduct({ DATA_DIR: dataDir, SEED_DEMO: '1' }),
    launchChromium(),
  ])
  // The demo seeds in the background; wait until it says it is ready, however long a loaded machine takes.
  await product.waitForOutput('Demo data ready')
  asOf = await product.now()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

describe('the dashboard in a real browser', () => {
  it('signs in as a DGA official and shows the agency ranking, and an event posted with the ingest key', async () => {
    const page = await newPage(browser)
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    const table = page.getByTestId('agency-ranking')
    // The first rows come with the data, the rest in the next task: the table says when it has every row.
    await page.locator('[data-testid="agency-ranking"][data-complete="true"]').waitFor()
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(69)
    expect(await table.locator('tbody tr').first().locator('td').nth(2).textContent()).not.toBe('0')
    // Thai names may wrap only between words: a <wbr> where Intl.Segmenter ends a word, and nowhere else.
    const name = table.locator('tbody tr').first().locator('td').nth(1).locator('a')
    const thaiName = (await name.textContent()) as string
    expect(await name.locator('wbr').count()).toBe(breakableParts(thaiName).length - 1)
    expect(await table.locator('tbody a wbr').count()).toBeGreaterThan(0)

    // One more download for the agency ranked last shows on the page after a reload.
    const last = table.locator('tbody tr').last()
    const agencyId = (await last.getAttribute('data-agency-id')) as string
    const before = asNumber(await last.locator('td').nth(2).textContent())
    const resourceId = await findResourceOf(agencyId)
    const res = await fetch(`${product.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': product.ingestKey },
      body: JSON.stringify({ resourceId, userAgent: 'Mozilla/5.0 Chrome/120', clientIp: '198.51.100.200' }),
    })
    expect(await res.json()).toMatchObject({ accepted: 1 })
    await expect
      .poll(
        async () => {
          await page.reload()
          const row = page.locator(`tr[data-agency-id="${agencyId}"] td`).nth(2)
          return asNumber(await row.textContent())
        },
        { timeout: PATIENCE_MS, interval: 500 },
      )
      .toBe(before + 1)
    await page.screenshot({ path: join(dataDir, 'dashboard.png'), fullPage: false })
  })

  it('signs an executive in to their agency: headline figures against a target, the chart and top datasets', async () => {
    // The demo catalog's ids, read through the API as a DGA official: the agency ranked first this year.
    const dga = await devToken('dga_admin')
    const top = (await getJson<Ranking<AgencyRankingItem>>(`/v1/rankings/agencies?fy=${currentFy()}`, dga))
      .items[0] as AgencyRankingItem
    const performance = await getJson<PerformanceResponse>(`/v1/agencies/${top.agencyId}/performance`, dga)
    expect(performance.target).toBeGreaterThan(0)

    const page = await newPage(browser)
    const violations = watchCsp(page)
    await page.goto(product.url)
    await page.getByLabel('บทบาท').selectOption('agency_exec')
    // The login offers the catalog's agencies by name.
    const agencySelect = page.locator('select[name="agencyId"]')
    await expect.poll(() => agencySelect.locator('option').count()).toBeGreaterThan(100)
    await agencySelect.selectOption(top.agencyId)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()

    // The executive lands on their agency, not on the national ranking.
    await expect.poll(() => page.getByTestId('agency-name').textContent()).toBe(top.name.th)
    expect(await page.getByRole('link', { name: 'หน่วยงานของฉัน' }).getAttribute('aria-current')).toBe('page')
    const cards = page.getByTestId('headline-cards')
    expect(await cards.locator('[data-card]').count()).toBe(6)
    // A card's colour is never the only sign of its state: each coloured card has a chip in words.
    const coloured = cards.locator('.stat.good, .stat.warn')
    expect(await coloured.count()).toBeGreaterThan(0)
    expect(await coloured.locator('[data-testid="status-chip"]').count()).toBe(await coloured.count())
    expect(await cards.locator('.stat.neutral [data-testid="status-chip"]').count()).toBe(0)
    const target = `เป้าหมาย ${performance.target.toLocaleString('th-TH')}`
    expect(await cards.locator('[data-card="targetPercent"]').textContent()).toContain(target)
    expect(await cards.locator('[data-card="downloads"] .stat-value').textContent()).toBe(
      performance.downloads.toLocaleString('th-TH'),
    )
    expect(await page.getByRole('img', { name: 'ดาวน์โหลดสะสมรายเดือนเทียบกับเป้าหมาย' }).count()).toBe(1)
    await page.getByTestId('agency-datasets').waitFor()
    expect(await page.getByTestId('agency-datasets').locator('tbody tr').count()).toBeGreaterThan(0)
    // The fiscal year selector speaks the Buddhist Era in Thai, CE in English.
    expect(await page.locator('select[name="fy"] option:checked').textContent()).toBe(
      `ปีงบประมาณ ${currentFy()}`,
    )
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.getByTestId('agency-name').textContent()).toBe(top.name.en)
    expect(await page.locator('select[name="fy"] option:checked').textContent()).toContain(
      `FY ${currentFy() - 543}`,
    )
    await page.screenshot({ path: join(dataDir, 'agency.png'), fullPage: true })
    expect(violations).toEqual([])
  })

  it('tells the executive of an agency just outside the award places it is behind, and what it can do', async () => {
    const dga = await devToken('dga_admin')
    const ranked = (await getJson<Ranking<AgencyRankingItem>>(`/v1/rankings/agencies?fy=${currentFy()}`, dga))
      .items
    const awards = await getJson<AwardsResponse>(`/v1/awards?fy=${currentFy()}`, dga)
    const plaque = awards.categories.find((c) => c.id === 'agency-plaque') as AwardCategoryView
    // The first agency after the award places (ties at the cut-off are awarded).
    const outside = ranked.find((a) => a.rank > plaque.qualifying && a.downloads > 0) as AgencyRankingItem
    const performance = await getJson<PerformanceResponse>(
      `/v1/agencies/${outside.agencyId}/performance`,
      dga,
    )
    expect(performance).toMatchObject({ targetSource: 'projected_cutoff' })
    expect(performance.outlook).toMatchObject({ provisional: true, status: 'behind' })
    expect(performance.target).toBe(performance.outlook?.projectedCutoff?.mid)
    // Needs more a month than its pace so far (the months begun, the current one in part).
    const pace = performance.downloads / performance.months.length
    expect(performance.outlook?.neededPerMonth ?? 0).toBeGreaterThan(pace)
    const path = (performance.targetPath ?? []).map((m) => m.cumulative)
    expect(new Set(path.map((c, i) => c - (i ? (path[i - 1] as number) : 0))).size).toBeGreaterThan(1)
    expect(path.at(-1)).toBe(performance.target)

    const page = await newPage(browser)
    await page.goto(product.url)
    await page.getByLabel('บทบาท').selectOption('agency_exec')
    const agencySelect = page.locator('select[name="agencyId"]')
    await expect.poll(() => agencySelect.locator('option').count()).toBeGreaterThan(100)
    await agencySelect.selectOption(outside.agencyId)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    const outlook = page.getByTestId('outlook')
    await outlook.waitFor()
    expect(await outlook.getAttribute('data-status')).toBe('behind')
    const text = (await outlook.textContent()) ?? ''
    expect(text).toContain('ตามหลังเกณฑ์รางวัล')
    expect(text).toContain(`อันดับ ${outside.rank.toLocaleString('th-TH')}`)
    expect(text).toContain(
      `คาดว่าเกณฑ์สิ้นปี ≈ ${performance.outlook?.projectedCutoff?.mid.toLocaleString('th-TH')}`,
    )
    expect(text).toContain(`ต้องได้ ~${performance.outlook?.neededPerMonth?.toLocaleString('th-TH')} ครั้ง/เดือน`)
    // The target says where it comes from.
    expect(
      await page.getByTestId('headline-cards').locator('[data-card="targetPercent"]').textContent(),
    ).toContain('ตามเกณฑ์รางวัลสิ้นปีที่คาดการณ์')

    // What to do: the datasets nearest a certificate, the group's peers with its own row, a what-if.
    const actions = await getJson<AgencyActionsResponse>(`/v1/agencies/${outside.agencyId}/actions`, dga)
    const chances = page.getByTestId('certificate-chances')
    await chances.waitFor()
    const first = actions.certificate?.datasets[0]
    if (first) {
      const row = chances.locator(`tr[data-dataset-id="${first.datasetId}"]`)
      expect(await row.textContent()).toContain(first.title.th)
      if (first.url) expect(await row.getByRole('link').getAttribute('href')).toBe(first.url)
    }
    const own = page.getByTestId('group-peers').locator('tr.own')
    expect(await own.getAttribute('data-agency-id')).toBe(outside.agencyId)
    expect(await page.getByTestId('silent-datasets').textContent()).toContain(
      `(${actions.noDownloads.total.toLocaleString('th-TH')})`,
    )
    const answer = page.getByTestId('what-if-answer')
    // The form starts at what the year needs to reach the projected cut-off's middle.
    expect(['above_mid', 'above_high']).toContain(await answer.getAttribute('data-verdict'))
    await page.locator('input[name="what-if"]').fill('0')
    // Adding nothing, a behind agency ends below the projected cut-off's middle.
    await expect
      .poll(async () => ['short', 'above_low'].includes((await answer.getAttribute('data-verdict')) ?? ''))
      .toBe(true)
    // Adding nothing ends at the projection (read a moment earlier: the clock runs on between the two reads).
    const end = /สิ้นปีจะได้ประมาณ ([\d,]+)/.exec((await answer.textContent()) ?? '')?.[1] ?? ''
    expect(Math.abs(Number(end.replaceAll(',', '')) - performance.projection)).toBeLessThanOrEqual(2)
  })

  it('lets a DGA official open an agency from the ranking, then the awards with 9 agency places', async () => {
    const page = await newPage(browser)
    const violations = watchCsp(page)
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    const firstAgency = page.getByTestId('agency-ranking').locator('tbody tr').first().getByRole('link')
    const name = await firstAgency.textContent()
    await firstAgency.click()
    await expect.poll(() => page.getByTestId('agency-name').textContent()).toBe(name)

    await page.getByRole('link', { name: 'รางวัล', exact: true }).click()
    const plaque = page.locator('[data-category="agency-plaque"]')
    await plaque.waitFor()
    expect(await plaque.getByTestId('places').textContent()).toBe('9')
    // Nine places; every entry tied at the cut-off is awarded too and marked as tied, as the API says.
    const awards = await getJson<AwardsResponse>(`/v1/awards?fy=${currentFy()}`, await devToken('dga_admin'))
    const category = awards.categories.find((c) => c.id === 'agency-plaque') as AwardCategoryView
    expect(category.places).toBe(9)
    expect(await plaque.locator('tbody tr[data-awarded="true"]').count()).toBe(category.qualifying)
    // Early in a fiscal year fewer than nine agencies may have a download: only those can be awarded.
    const withDownloads = category.standings.filter((s) => s.downloads > 0).length
    expect(category.qualifying).toBeGreaterThanOrEqual(Math.min(9, withDownloads))
    expect(await plaque.locator('tbody tr[data-tied="true"]').count()).toBe(
      category.standings.filter((s) => s.tiedAtCutoff).length,
    )
    expect(await plaque.locator('tr.cutoff-row').count()).toBe(1)
    expect(await page.locator('[data-category="dataset-certificate"]').count()).toBe(1)
    await page.screenshot({ path: join(dataDir, 'awards.png'), fullPage: false })
    expect(violations).toEqual([])
  })

  it('lets a DGA official pick any agency on the Agency page and see the integrity of its counts', async () => {
    // The agency ranked first this fiscal year, and its integrity, read through the API as a DGA official.
    const dga = await devToken('dga_admin')
    const top = (await getJson<Ranking<AgencyRankingItem>>(`/v1/rankings/agencies?fy=${currentFy()}`, dga))
      .items[0] as AgencyRankingItem
    const integrity = await getJson<IntegrityResponse>(
      `/v1/agencies/${top.agencyId}/integrity?fy=${currentFy()}`,
      dga,
    )

    const page = await newPage(browser)
    const violations = watchCsp(page)
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    await page.getByRole('link', { name: 'หน่วยงาน', exact: true }).click()
    const picker = page.getByLabel('เลือกหน่วยงาน')
    await expect.poll(() => picker.isEnabled()).toBe(true)
    // Every agency of the year's ranking, in Thai collation order (not in rank order).
    const names = await picker.locator('option:not([value=""])').allTextContents()
    expect(names).toHaveLength(
      (await getJson<Ranking<AgencyRankingItem>>(`/v1/rankings/agencies?fy=${currentFy()}`, dga)).items
        .length,
    )
    expect(names).toEqual([...names].sort(new Intl.Collator('th').compare))

    await picker.selectOption(top.agencyId)
    await expect.poll(() => page.getByTestId('agency-name').textContent()).toBe(top.name.th)
    expect(page.url()).toContain(`#/agency/${top.agencyId}`)
    const section = page.getByTestId('integrity')
    const figures = section.getByTestId('integrity-figures')
    await figures.waitFor()
    const figure = (id: string) => figures.locator(`[data-card="${id}"] .stat-value`).textContent()
    expect(await figure('robots')).toBe(integrity.excluded.robots.toLocaleString('th-TH'))
    expect(await figure('doubleClicks')).toBe(integrity.excluded.doubleClicks.toLocaleString('th-TH'))
    expect(await figure('machine')).toBe(integrity.machineDownloads.toLocaleString('th-TH'))
    const all = integrity.downloads + integrity.excluded.robots + integrity.excluded.doubleClicks
    expect(await figure('requests')).toBe(all.toLocaleString('th-TH'))
    // The verdict is the API's signals: warnings counted, or a clear "no warning signs".
    const verdict = section.getByTestId('integrity-verdict')
    const warnings = warningCount(integrity)
    expect(await verdict.getAttribute('data-warnings')).toBe(String(warnings))
    expect(await verdict.textContent()).toContain(warnings > 0 ? 'พบสัญญาณเตือน' : 'ไม่พบสัญญาณเตือน')
    // The agency's concentration is shown with its evidence: its downloads in the year.
    const concentration = section.locator('[data-signal="concentration"]')
    expect(await concentration.textContent()).toContain(integrity.downloads.toLocaleString('th-TH'))
    expect(await section.locator('[data-signal="spike"]').count()).toBeGreaterThan(0)

    // The current month, on request: its own figures from the API.
    const month = bangkokMonth(asOf)
    const thisMonth = await getJson<IntegrityResponse>(
      `/v1/agencies/${top.agencyId}/integrity?month=${month}`,
      dga,
    )
    await section.getByRole('button', { name: 'เดือนนี้' }).click()
    await expect.poll(() => section.locator('h3').textContent()).toContain(monthLabel(month, 'th'))
    // The heading changes before the month's figures arrive: wait for the figures themselves.
    await expect
      .poll(() => figure('requests'))
      .toBe(
        (thisMonth.downloads + thisMonth.excluded.robots + thisMonth.excluded.doubleClicks).toLocaleString(
          'th-TH',
        ),
      )
    expect(await figure('robots')).toBe(thisMonth.excluded.robots.toLocaleString('th-TH'))

    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => section.locator('h3').textContent()).toContain('Integrity of the counts')
    await page.screenshot({ path: join(dataDir, 'integrity.png'), fullPage: true })
    expect(violations).toEqual([])
  })

  it('sends the reader back to sign-in, saying why, when the session has expired', async () => {
    const page = await newPage(browser)
    await page.goto(product.url)
    const stale = { token: 'expired.token.value', expiresIn: 0, role: 'dga_admin', agencyIds: [] }
    await page.evaluate((session) => sessionStorage.setItem('session', JSON.stringify(session)), stale)
    await page.reload()
    await expect.poll(() => page.getByText('การเข้าสู่ระบบหมดอายุแล้ว กรุณาเข้าสู่ระบบอีกครั้ง').count()).toBe(1)
    expect(await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).count()).toBe(1)
  })

  it('renders Thai in Sarabun, served with the dashboard', async () => {
    const page = await newPage(browser)
    await page.goto(product.url)
    await page.getByRole('heading', { level: 1 }).waitFor()
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready
      return [...document.fonts]
        .filter((f) => f.family.replace(/["']/g, '') === 'Sarabun' && f.status === 'loaded')
        .map((f) => f.weight)
    })
    // The page's Thai text made the browser load Sarabun faces from the dashboard's own assets.
    expect(loaded.length).toBeGreaterThan(0)
  })

  it('works under its Content Security Policy: no inline script or style is blocked', async () => {
    const page = await newPage(browser)
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
    })
    const document = await page.goto(product.url)
    const csp = document?.headers()['content-security-policy'] ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(document?.headers()['x-frame-options']).toBe('DENY')
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    await page.getByTestId('agency-ranking').waitFor()
    await page.getByRole('button', { name: 'English' }).click()
    expect(violations).toEqual([])
  })

  it('lets a DGA official add and remove report email subscribers, and unsubscribes through a signed link without signing in', async () => {
    const page = await newPage(browser)
    const violations = watchCsp(page)
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    await page.getByTestId('agency-ranking').waitFor()
    await page.getByRole('link', { name: 'อีเมลรายงาน' }).click()
    const form = page.getByTestId('subscribe-form')
    await expect.poll(() => form.locator('select[name="scope"] option').count()).toBeGreaterThan(100)
    expect(await form.locator('select[name="scope"] option').first().textContent()).toBe('ทั้งประเทศ')
    await form.locator('input[name="email"]').fill('director@dga.example.go.th')
    await form.locator('select[name="locale"]').selectOption('en')
    await form.getByRole('button', { name: 'เพิ่มผู้รับ' }).click()
    const row = page
      .getByTestId('subscriptions')
      .locator('tbody tr', { hasText: 'director@dga.example.go.th' })
    await row.waitFor()
    expect(await row.locator('td').nth(2).textContent()).toBe('ทั้งประเทศ')
    // The delivery log of the last report month is there for DGA, empty before any email.
    await page.getByText('ยังไม่มีการส่งอีเมลของเดือนนี้').waitFor()

    // The email's link, signed with the key npm start keeps in its data directory.
    const id = (await row.getAttribute('data-subscription-id')) as string
    const key = (await readFile(join(dataDir, 'unsubscribe-key'), 'utf8')).trim()
    const visitor = await newPage(browser) // no session: the link works without signing in
    const linkViolations = watchCsp(visitor)
    await visitor.goto(`${product.url}/v1/subscriptions/unsubscribe?token=${signUnsubscribeToken(key, id)}`)
    await visitor.getByRole('button', { name: 'Unsubscribe' }).click()
    await visitor.getByText('Done: you will not receive').waitFor()
    await page.reload()
    await page.getByText('ยังไม่มีผู้รับอีเมล').waitFor()

    // Added and removed from the page too.
    await form.locator('input[name="email"]').fill('someone@dga.example.go.th')
    await form.getByRole('button', { name: 'เพิ่มผู้รับ' }).click()
    const added = page
      .getByTestId('subscriptions')
      .locator('tbody tr', { hasText: 'someone@dga.example.go.th' })
    await added.getByRole('button', { name: 'ลบ' }).click()
    await page.getByText('ยังไม่มีผู้รับอีเมล').waitFor()
    expect(violations).toEqual([])
    expect(linkViolations).toEqual([])
  })

  it('offers an executive only their own agency to subscribe to', async () => {
    const dga = await devToken('dga_admin')
    const first = (await getJson<Ranking<AgencyRankingItem>>(`/v1/rankings/agencies?fy=${currentFy()}`, dga))
      .items[0] as AgencyRankingItem
    const page = await newPage(browser)
    await page.goto(`${product.url}/#/subscriptions`)
    await page.getByLabel('บทบาท').selectOption('agency_exec')
    await page.locator('select[name="agencyId"]').selectOption(first.agencyId)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    const options = page.getByTestId('subscribe-form').locator('select[name="scope"] option')
    await expect.poll(() => options.allTextContents()).toEqual([first.name.th])
    expect(await page.getByTestId('deliveries').count()).toBe(0)
  })

  it("lists last month's report, made once after the demo, and downloads a file through the API under the CSP", async () => {
    // The runtime makes the previous month's report once the demo is loaded (in the background).
    await product.waitForOutput('Monthly report')
    const month = addMonths(bangkokMonth(asOf), -1)
    expect(product.output()).toContain(`Monthly report ${month}: version 1 stored`)
    const page = await newPage(browser)
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
    })
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    await page.getByRole('link', { name: 'รายงานประจำเดือน' }).click()
    const listed = page.locator(`[data-testid="report-month"][data-month="${month}"]`)
    await listed.waitFor()
    expect(await listed.locator('th[scope="rowgroup"]').textContent()).toBe(monthLabel(month, 'th'))
    expect(await listed.locator('[data-version="1"] button[data-file]').count()).toBe(6)
    const download = page.waitForEvent('download')
    await listed.locator('button[data-file="report.pdf"]').click()
    expect((await download).suggestedFilename()).toBe(`ogd-rankings-${month}-v1-report.pdf`)
    // DGA picks any agency's own files.
    const version = listed.locator('[data-version="1"]')
    const agency = version.locator('select[name="report-agency"]')
    expect(await agency.locator('option').count()).toBeGreaterThan(100)
    const agencyId = (await agency.locator('option').nth(1).getAttribute('value')) as string
    await agency.selectOption(agencyId)
    const variant = page.waitForEvent('download')
    await version.locator('button[data-variant="csv"]').click()
    expect((await variant).suggestedFilename()).toBe(`ogd-rankings-${month}-v1-agencies-${agencyId}.csv`)
    expect(violations).toEqual([])
  })

  it('switches to English', async () => {
    const page = await newPage(browser)
    await page.goto(product.url)
    await page.getByRole('button', { name: 'English' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Open government data download rankings')
  })

  it('shows earlier counts imported with the CLI beside the counted downloads, labelled with their source', async () => {
    const dga = await devToken('dga_admin')
    const second = (await getJson<Ranking<AgencyRankingItem>>(`/v1/rankings/agencies?fy=${currentFy()}`, dga))
      .items[1] as AgencyRankingItem
    const { buildDemoCatalog } = await import('../../functions/demo/seed.js')
    const dataset = buildDemoCatalog().datasets.find((d) => d.agencyId === second.agencyId)
    if (!dataset) throw new Error(`no demo dataset for ${second.agencyId}`)
    const csv = join(dataDir, 'analytics.csv')
    await writeFile(csv, `month,dataset_id,downloads\n${bangkokMonth(asOf)},${dataset.datasetId},4321\n`)

    // The CLI shares the running product's stores (npm run cli -- import-history …).
    const cli = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'functions/cli/main.ts',
        'import-history',
        '--monthly',
        csv,
        '--source',
        'ga4',
        '--data-dir',
        dataDir,
      ],
      { cwd: resolve(import.meta.dirname, '../..') },
    )
    expect(cli.stdout).toContain('Earlier counts (ga4): 1 figures written')

    const page = await newPage(browser)
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    await page.getByTestId('agency-ranking').waitFor()
    await page.goto(`${product.url}/#/agency/${encodeURIComponent(second.agencyId)}`)
    const section = page.getByTestId('earlier-counts')
    // The API reads versions at most once a second: the figure shows on a later load.
    await expect
      .poll(
        async () => {
          if ((await section.count()) === 0) await page.reload()
          return section.count()
        },
        { timeout: PATIENCE_MS, interval: 500 },
      )
      .toBe(1)
    expect(await section.locator('[data-source="ga4"]').textContent()).toContain('ยอดนับเดิม (ga4): 4,321')
    expect(await section.locator(`tr[data-dataset-id="${dataset.datasetId}"]`).textContent()).toContain(
      '4,321',
    )
    // The counted downloads stay the counted ones.
    const performance = await getJson<PerformanceResponse>(`/v1/agencies/${second.agencyId}/performance`, dga)
    expect(performance.downloads).toBe(second.downloads)
    expect(
      await page.getByTestId('headline-cards').locator('[data-card="downloads"] .stat-value').textContent(),
    ).toBe(performance.downloads.toLocaleString('th-TH'))
    await page.getByRole('button', { name: 'English' }).click()
    await expect
      .poll(() => section.locator('[data-source="ga4"]').textContent())
      .toContain('Earlier counts (ga4): 4,321')
  })
})

/** Content Security Policy violations the page reports on its console. */
function watchCsp(page: Page): string[] {
  const violations: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
  })
  return violations
}

/** A development session token for a role, from the running product. */
async function devToken(role: 'dga_admin' | 'agency_exec', agencyIds?: string[]): Promise<string> {
  const res = await fetch(`${product.url}/v1/dev/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, ...(agencyIds ? { agencyIds } : {}) }),
  })
  return ((await res.json()) as { token: string }).token
}

/**
 * A signed-in read of the API, as the typed shape it answers. A busy server's 503 ("try again") is read again, as
 * the dashboard does; anything else must be a 200.
 */
async function getJson<T>(path: string, token: string): Promise<T> {
  let res: Response | undefined
  await expect
    .poll(async () => {
      res = await fetch(`${product.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
      return res.status
    })
    .not.toBe(503)
  expect(res?.status).toBe(200)
  return (await (res as Response).json()) as T
}

/** The fiscal year (Buddhist Era) the dashboard opens on. */
const currentFy = () => fiscalYearOf(asOf)

/** A number as the page shows it (Thai digits grouping aside). */
const asNumber = (text: string | null) => Number((text ?? '').replace(/\D/g, ''))

/** A resource of the agency, found through the public dataset ranking or the demo's stable ids. */
async function findResourceOf(agencyId: string): Promise<string> {
  const { buildDemoCatalog } = await import('../../functions/demo/seed.js')
  const resource = buildDemoCatalog().resources.find((r) => r.agencyId === agencyId)
  if (!resource) throw new Error(`no demo resource for ${agencyId}`)
  return resource.resourceId
}
