import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import type { Role } from '../../functions/auth/principal.js'
import { listAudit } from '../../functions/store/audit.js'
import { dynamo } from '../../functions/store/clients.js'
import { replacePeriodCounts } from '../../functions/store/counts.js'
import { type Certification, codeCheckChar, type PackFile } from '../../shared/certification.js'
import { contentSha256 } from '../../shared/certification-hash.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { emptyPeriodCounts, type PeriodCounts } from '../../shared/counting/period-counts.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { bearer } from '../fixtures/http.js'
import { pdfText, qrCodesInPdf } from '../support/pdf.js'

const apiApp = createApiApp()

const send = async (method: string, path: string, body?: unknown, role: Role = 'dga_admin') => {
  const res = await apiApp.request(path, {
    method,
    headers: { ...(await bearer(role, ['agency-1'])), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const type = res.headers.get('content-type') ?? ''
  return {
    status: res.status,
    headers: res.headers,
    body: (type.includes('json') ? await res.json() : await res.text()) as never,
  }
}

type CertificationBody = Certification & { error?: { code: string; message: string } }
const certify = (fy: number, role: Role = 'dga_admin') =>
  send('POST', `/v1/awards/${fy}/certify`, undefined, role) as Promise<{
    status: number
    body: CertificationBody
  }>

/** Agencies 1–12 with 12,000, 11,000, … 1,000 downloads in FY 2566 (one dataset each); agency-1's on two days. */
function yearCounts(): PeriodCounts {
  const map = emptyPeriodCounts()
  for (let a = 1; a <= 12; a++) {
    const c = { ...ZERO_COUNTS, downloads: (13 - a) * 1000, uniqueDownloads: (13 - a) * 400 }
    map.agencies.set(`agency-${a}`, c)
    map.datasets.set(`dataset-${a}-1`, { ...c, agencyId: `agency-${a}` })
  }
  return map
}

const fetchBytes = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer())
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

let first: Certification

beforeAll(async () => {
  await storeCatalog(buildCatalog(12, 1))
  await replacePeriodCounts({ fy: 2566 }, yearCounts())
  const day = emptyPeriodCounts()
  day.agencies.set('agency-1', { ...ZERO_COUNTS, downloads: 11_500, uniqueDownloads: 10 })
  await replacePeriodCounts({ day: '2023-03-04' }, day)
})

describe('certifying a fiscal year', () => {
  it('answers 409 before the fiscal year has ended in Bangkok time, and 404 while nothing is certified', async () => {
    const early = await certify(2570)
    expect(early.status).toBe(409)
    expect(early.body.error).toMatchObject({ code: 'fiscal_year_not_ended' })
    expect(early.body.error?.message).toContain('2027-09-30T17:00:00.000Z')
    const none = await send('GET', '/v1/awards/2566/certification')
    expect(none.status).toBe(404)
  })

  it('is DGA’s: an agency executive cannot certify or read the pack (403)', async () => {
    expect((await certify(2566, 'agency_exec')).status).toBe(403)
    expect((await send('GET', '/v1/awards/2566/certificates', undefined, 'agency_exec')).status).toBe(403)
  })

  it('freezes the standings with a content hash anyone can recompute from the JSON', async () => {
    const res = await certify(2566)
    expect(res.status).toBe(201)
    first = res.body
    expect(first).toMatchObject({
      fy: 2566,
      version: 1,
      countingRules: 'counting-v1',
      certifiedBy: expect.any(String),
    })
    expect(first.contentSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(contentSha256(first)).toBe(first.contentSha256)
    const plaque = first.categories.find((c) => c.id === 'agency-plaque')
    expect(plaque?.cutoff).toBe(4000)
    expect(plaque?.standings.filter((s) => s.awarded).map((s) => s.id)).toEqual(
      Array.from({ length: 9 }, (_, i) => `agency-${i + 1}`),
    )
    expect(plaque?.standings[0]?.name).toEqual({ th: 'หน่วยงานทดสอบ 1', en: 'Test agency 1' })
    // 9 plaques and the 12 datasets (fewer than 49 places): one certificate each, each its own code.
    expect(first.certificates).toHaveLength(21)
    expect(new Set(first.certificates.map((c) => c.code)).size).toBe(21)
    expect((first as { packId?: string }).packId).toBeUndefined()
    const audit = await listAudit(10)
    expect(audit.find((e) => e.action === 'awards.certify')).toMatchObject({
      target: 'FY2566',
      detail: { version: 1, created: true, contentSha256: first.contentSha256 },
    })
  })

  it('answers the same certification when nothing changed', async () => {
    const again = await certify(2566)
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ version: 1, contentSha256: first.contentSha256 })
    expect(again.body.certificates.map((c) => c.code)).toEqual(first.certificates.map((c) => c.code))
  })

  it('makes a restated version when a review decision changes the figures; the first stays readable', async () => {
    const review = await send('PUT', '/v1/awards/2566/reviews/agency-1', {
      decision: 'discount',
      reason: 'One client on one day',
      days: ['2023-03-04'],
    })
    expect(review.status).toBe(200)
    const res = await certify(2566)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      version: 2,
      restates: { version: 1, contentSha256: first.contentSha256 },
    })
    expect(res.body.contentSha256).not.toBe(first.contentSha256)
    const plaque = res.body.categories.find((c) => c.id === 'agency-plaque')
    expect(plaque?.standings.find((s) => s.id === 'agency-1')).toMatchObject({
      awardCount: 500,
      awarded: false,
    })
    expect(plaque?.standings.find((s) => s.id === 'agency-10')?.awarded).toBe(true)
    expect(res.body.reviews).toMatchObject([{ subjectId: 'agency-1', decision: 'discount' }])

    const latest = await send('GET', '/v1/awards/2566/certification')
    expect((latest.body as Certification).version).toBe(2)
    const old = await send('GET', '/v1/awards/2566/certification?version=1')
    expect((old.body as Certification).contentSha256).toBe(first.contentSha256)
    expect((await send('GET', '/v1/awards/2566/certification?version=3')).status).toBe(404)
    expect((await send('GET', '/v1/awards/2566/certification?version=x')).status).toBe(400)
  })
})

describe('the ceremony pack', () => {
  it('lists the results document and a certificate per winner, each downloadable by a short-lived URL', async () => {
    const list = await send('GET', '/v1/awards/2566/certificates')
    expect(list.status).toBe(200)
    const items = (list.body as { items: PackFile[] }).items
    expect(items.map((i) => i.name)).toContain('results.pdf')
    expect(items.map((i) => i.name)).toContain('certificates/agency-plaque/agency-10.pdf')
    expect(items).toHaveLength(22)

    const redirect = await send('GET', '/v1/awards/2566/certificates/results.pdf')
    expect(redirect.status).toBe(302)
    const { body } = await send('GET', '/v1/awards/2566/certificates/results.pdf?redirect=0')
    const results = await fetchBytes((body as { url: string }).url)
    const entry = items.find((i) => i.name === 'results.pdf') as PackFile
    expect(results.length).toBe(entry.size)
    expect(sha256(results)).toBe(entry.sha256)
    const text = (await pdfText(results)).join(' ')
    expect(text).toContain('ปีงบประมาณ 2566')
    expect(text).toContain('หน่วยงานทดสอบ 10')
    expect(text).toContain('ชุดข้อมูล 12-1')
    expect(text).toContain('ฉบับนี้แก้ไขฉบับที่ 1')

    const missing = await send('GET', '/v1/awards/2566/certificates/certificates/agency-plaque/agency-1.pdf')
    expect(missing.status).toBe(404)
  })

  it('prints the holder in Thai and a QR code of the public verification page', async () => {
    const { body } = await send(
      'GET',
      '/v1/awards/2566/certificates/certificates/agency-plaque/agency-10.pdf?redirect=0',
    )
    const pdf = await fetchBytes((body as { url: string }).url)
    const [page] = await pdfText(pdf)
    expect(page).toContain('หน่วยงานทดสอบ 10')
    expect(page).toContain('โล่รางวัลหน่วยงาน')
    expect(page).toContain('ปีงบประมาณ 2566')
    const [url] = await qrCodesInPdf(pdf)
    expect(url).toMatch(/^https:\/\/rankings\.example\.go\.th\/verify\/[0-9A-Z]{11}$/)
    const code = url?.split('/').pop() as string
    const latest = (await send('GET', '/v1/awards/2566/certification')).body as Certification
    expect(latest.certificates.find((c) => c.subjectId === 'agency-10')?.code).toBe(code)
  })
})

describe('the public verification page', () => {
  it('shows the award, the holder, the fiscal year, the counts and the hash, without signing in', async () => {
    const latest = (await send('GET', '/v1/awards/2566/certification')).body as Certification
    const code = latest.certificates.find((c) => c.subjectId === 'agency-2')?.code as string
    const res = await apiApp.request(`/verify/${code.toLowerCase().replace(/(.{4})/g, '$1-')}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    for (const part of ['โล่รางวัลหน่วยงาน', 'หน่วยงานทดสอบ 2', 'ปีงบประมาณ 2566', '11,000', latest.contentSha256])
      expect(html).toContain(part)
    expect(html).not.toContain('setBy')
    expect(html).not.toContain('One client on one day')
  })

  it('says a restated certificate was restated', async () => {
    const code = first.certificates.find((c) => c.subjectId === 'agency-1')?.code as string
    const res = await apiApp.request(`/verify/${code}`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('A later certification restates these results')
  })

  it('answers a code of the wrong shape with a 404 page without touching the store', async () => {
    let commands = 0
    const counter = (next: (args: unknown) => Promise<unknown>) => (args: unknown) => {
      commands++
      return next(args)
    }
    dynamo().middlewareStack.add(counter as never, { step: 'initialize', name: 'countCommands' })
    try {
      const body = 'ABCDEFGHJK'
      const wrongCheck = body + (codeCheckChar(body) === '0' ? '1' : '0')
      for (const bad of ['short', 'ABCDEFGHJKUU', wrongCheck, `${'A'.repeat(40)}`, '%3Cscript%3E']) {
        const res = await apiApp.request(`/verify/${bad}`)
        expect(res.status).toBe(404)
        expect(await res.text()).toContain('ไม่พบเกียรติบัตร')
      }
      expect(commands).toBe(0)
      // A well-formed code that was never issued is looked up, and is a 404 page too.
      const unknown = await apiApp.request(`/verify/${body}${codeCheckChar(body)}`)
      expect(unknown.status).toBe(404)
      expect(commands).toBeGreaterThan(0)
    } finally {
      dynamo().middlewareStack.remove('countCommands')
    }
  })
})
