import { rm } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  AgencyRankingItem,
  PerformanceResponse,
  ProgrammeView,
  Ranking,
  TargetsResponse,
} from '../../shared/api.js'
import { fiscalYearOf } from '../../shared/time.js'
import { launchChromium, newPage } from './browser.js'
import { devToken, type RunningProduct, startDemoProduct } from './local-process.js'

interface AuditItem {
  at: string
  actor: string
  action: string
  target: string
  detail?: Record<string, unknown>
}

let dataDir: string
let product: RunningProduct
let browser: Browser
/** The fiscal year the dashboard opens on, as of the product's clock (OGD_NOW, vitest.config.ts). */
let fy: number
let ranked: AgencyRankingItem[]

beforeAll(async () => {
  ;[{ product, dataDir }, browser] = await Promise.all([startDemoProduct('dga-settings'), launchChromium()])
  fy = fiscalYearOf(await product.now())
  ranked = (await api<Ranking<AgencyRankingItem>>('GET', `/v1/rankings/agencies?fy=${fy}`)).body.items
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

describe('DGA sets targets and the award programme in the dashboard', () => {
  it('sets a target for an agency, refuses a bad one, and the executive of that agency sees the new target', async () => {
    const agency = ranked[10] as AgencyRankingItem
    const page = await signedInDga()
    const form = page.getByTestId('target-form')
    const picker = form.locator('select[name="agency"]')
    await expect.poll(() => picker.isEnabled()).toBe(true)
    await picker.selectOption(agency.agencyId)
    // Without a DGA target, the page says the agency aims at the projected year-end cut-off.
    const picked = page.getByTestId('picked-target')
    await expect.poll(() => picked.textContent()).toContain('เกณฑ์รางวัลสิ้นปีที่คาดการณ์ ≈')

    // Bad entries are refused beside the field, and nothing is sent.
    const downloads = form.locator('input[name="downloads"]')
    for (const [typed, message] of [
      ['-5', 'ต้องไม่ติดลบ'],
      ['12.5', 'ต้องเป็นจำนวนเต็ม'],
      ['', 'กรุณากรอก'],
    ] as const) {
      await downloads.fill(typed)
      await form.getByRole('button', { name: 'บันทึกเป้าหมาย' }).click()
      await expect.poll(() => page.locator('#target-downloads-error').textContent()).toBe(message)
      expect(await downloads.getAttribute('aria-invalid')).toBe('true')
    }
    expect(await targetOf(agency.agencyId)).toBeUndefined()

    await downloads.fill('12,345')
    await form.getByRole('button', { name: 'บันทึกเป้าหมาย' }).click()
    await page.getByTestId('target-saved').waitFor()
    const row = page.getByTestId('dga-targets').locator(`tr[data-agency-id="${agency.agencyId}"]`)
    await expect.poll(() => row.locator('td.num').textContent()).toBe('12,345')
    await expect.poll(() => picked.textContent()).toContain('เป้าหมายปัจจุบันที่ สพร. กำหนด 12,345')
    expect(await page.locator('#target-downloads-error').count()).toBe(0)
    expect(await targetOf(agency.agencyId)).toBe(12345)

    // The executive of that agency finds the new target on their page; the settings are not offered to them.
    const exec = await newPage(browser)
    await exec.goto(`${product.url}/#/agency/${encodeURIComponent(agency.agencyId)}`)
    await exec.getByLabel('บทบาท').selectOption('agency_exec')
    const agencySelect = exec.locator('select[name="agencyId"]')
    await expect.poll(() => agencySelect.locator('option').count()).toBeGreaterThan(100)
    await agencySelect.selectOption(agency.agencyId)
    await exec.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    await expect.poll(() => exec.getByTestId('headline-cards').textContent()).toContain('12,345')
    const performance = await api<PerformanceResponse>('GET', `/v1/agencies/${agency.agencyId}/performance`)
    expect(performance.body.target).toBe(12345)
    expect(await exec.getByRole('link', { name: 'เป้าหมายและรางวัล' }).count()).toBe(0)

    const audit = (await auditEntries()).filter((e) => e.target === `FY${fy}/${agency.agencyId}`)
    expect(audit.map((e) => [e.action, e.detail])).toEqual([
      ['target.set', { downloads: 12345, previous: null }],
    ])
    expect(audit[0]?.actor).toBeTruthy()
  })

  it('removes a target from the list, and the agency is back on the projected cut-off', async () => {
    const agency = ranked[20] as AgencyRankingItem
    expect((await api('PUT', `/v1/targets/${fy}/${agency.agencyId}`, { downloads: 4321 })).status).toBe(200)
    const page = await signedInDga()
    const row = page.getByTestId('dga-targets').locator(`tr[data-agency-id="${agency.agencyId}"]`)
    await expect.poll(() => row.locator('td.num').textContent()).toBe('4,321')
    await row.getByRole('button', { name: 'ลบเป้าหมาย' }).click()
    await page.getByTestId('target-saved').waitFor()
    await expect.poll(() => row.count()).toBe(0)
    expect(await targetOf(agency.agencyId)).toBeUndefined()
    const performance = await api<PerformanceResponse>('GET', `/v1/agencies/${agency.agencyId}/performance`)
    expect(performance.body.target).not.toBe(4321)

    const audit = (await auditEntries()).filter((e) => e.target === `FY${fy}/${agency.agencyId}`)
    expect(audit.map((e) => [e.action, e.detail])).toEqual([
      ['target.remove', { downloads: null, previous: 4321 }],
      ['target.set', { downloads: 4321, previous: null }],
    ])
  })

  it("edits the places of a category: the form's and the server's refusals change nothing, and the Awards page shows the new places", async () => {
    const page = await signedInDga()
    const form = page.getByTestId('programme-form')
    const places = form.locator('input[name="categories.0.places"]')
    await expect.poll(() => places.inputValue()).toBe('9')
    const save = form.getByRole('button', { name: 'บันทึกประเภทรางวัล' })

    // The form's own check: no place is not a number of places.
    await places.fill('0')
    await save.click()
    await expect
      .poll(() => page.locator('[id="categories.0.places-error"]').textContent())
      .toBe('ต้องไม่น้อยกว่า 1')
    await page.getByTestId('programme-problems').waitFor()

    // What only the server knows (the catalog's agency groups): its message is shown beside the form.
    await places.fill('7')
    await form.getByRole('button', { name: 'เพิ่มกลุ่ม' }).first().click()
    await form.locator('input[name="categories.0.perGroup.0.group"]').fill('nowhere')
    await form.locator('input[name="categories.0.perGroup.0.places"]').fill('7')
    await save.click()
    const refusal = page.getByTestId('programme-error')
    await expect
      .poll(() => refusal.textContent())
      .toContain('categories[0].perGroup: "nowhere" is not an agency group of the catalog')
    expect((await api<ProgrammeView>('GET', `/v1/awards/${fy}/programme`)).body.source).toBe('default')

    await form.getByRole('button', { name: 'ลบกลุ่ม' }).click()
    await save.click()
    await page.getByTestId('programme-saved').waitFor()
    expect(await refusal.count()).toBe(0)
    const stored = (await api<ProgrammeView>('GET', `/v1/awards/${fy}/programme`)).body
    expect(stored).toMatchObject({ source: 'set' })
    expect(stored.programme.categories.map((c) => [c.id, c.places])).toEqual([
      ['agency-plaque', 7],
      ['dataset-certificate', 49],
    ])

    await page.getByRole('link', { name: 'รางวัล', exact: true }).click()
    const plaque = page.locator('[data-category="agency-plaque"]')
    await expect.poll(() => plaque.getByTestId('places').textContent()).toBe('7')

    // One change saved, one entry: the refused attempts left no trace.
    const audit = (await auditEntries()).filter((e) => e.action === 'awards.programme.set')
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ target: `FY${fy}`, detail: { previous: null } })
    expect(audit[0]?.detail?.programme).toMatchObject({
      categories: [{ id: 'agency-plaque', places: 7 }, {}],
    })
  })
})

/** A DGA official's dashboard, signed in, on the targets and awards page (through its link). */
async function signedInDga(): Promise<Page> {
  const page = await newPage(browser)
  await page.goto(product.url)
  await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
  await page.getByRole('link', { name: 'เป้าหมายและรางวัล' }).click()
  await page.getByTestId('target-form').waitFor()
  return page
}

let dgaToken: string | undefined

/** A call to the running product's API as a DGA official. */
async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  dgaToken ??= await devToken(product.url)
  const res = await fetch(`${product.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${dgaToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as T }
}

/** The target DGA set for an agency this fiscal year, if any. */
async function targetOf(agencyId: string): Promise<number | undefined> {
  const { body } = await api<TargetsResponse>('GET', `/v1/targets/${fy}`)
  return body.items.find((t) => t.agencyId === agencyId)?.downloads
}

/** The audit log, newest first. */
async function auditEntries(): Promise<AuditItem[]> {
  return (await api<{ items: AuditItem[] }>('GET', '/v1/audit?limit=500')).body.items
}
