import { describe, expect, it } from 'vitest'
import type { AgencyFigures, NationalFigures } from '../../shared/email/figures.js'
import { changePercent } from '../../shared/email/figures.js'
import { escapeHtml, safeHref } from '../../shared/email/html.js'
import {
  buildReportEmail,
  changeText,
  rankChangeText,
  reportSubject,
} from '../../shared/email/report-email.js'
import { unsubscribePage } from '../../shared/email/unsubscribe-page.js'

const links = {
  dashboard: 'https://rankings.example.go.th/#/rankings',
  reports: 'https://rankings.example.go.th/#/reports',
  pdf: 'https://rankings.example.go.th/#/reports/2022-11/1/report.pdf',
  unsubscribe: 'https://rankings.example.go.th/v1/subscriptions/unsubscribe?token=sub-1.abc&x=1',
}

const national: NationalFigures = {
  scope: 'national',
  month: '2022-11',
  fy: 2566,
  downloads: 12345,
  uniqueDownloads: 6000,
  machineDownloads: 700,
  previousDownloads: 10000,
  top: [
    {
      rank: 1,
      name: { th: 'กรมการปกครอง', en: 'Department of Provincial Administration' },
      downloads: 900,
      rankChange: 2,
    },
    {
      rank: 2,
      name: { th: 'สำนักงานสถิติแห่งชาติ', en: 'National Statistical Office' },
      downloads: 800,
      rankChange: -1,
    },
    {
      rank: 2,
      name: { th: 'กรมอุตุนิยมวิทยา', en: 'Thai Meteorological Department' },
      downloads: 800,
      rankChange: 0,
    },
    {
      rank: 4,
      name: { th: 'กรมการขนส่งทางบก', en: 'Department of Land Transport' },
      downloads: 500,
      rankChange: null,
    },
    {
      rank: 5,
      name: { th: 'กรมควบคุมโรค', en: 'Department of Disease Control' },
      downloads: 400,
      rankChange: 1,
    },
  ],
  fiscalYearToDate: { downloads: 22345, uniqueDownloads: 11000 },
}

const agency: AgencyFigures = {
  scope: 'agency',
  month: '2022-11',
  fy: 2566,
  agencyId: 'agency-1',
  name: { th: 'หน่วยงาน <ทดสอบ> & "คำพูด"', en: 'Agency <script>alert(1)</script> & co' },
  downloads: 1500,
  uniqueDownloads: 900,
  rank: 3,
  rankChange: -2,
  rankedAgencies: 147,
  fiscalYearToDate: 2500,
  fiscalYearRank: 12,
  fiscalYearRankChange: 3,
  awarded: false,
  target: 10000,
  targetSource: 'set',
  targetPercent: 25,
  cutoff: 4000,
  gapToCutoff: 1500,
  projection: 15208,
  neededPerMonth: 750,
}

describe('the report email in Thai and English', () => {
  it.each([
    ['th', national, 1, 'สรุปการดาวน์โหลดข้อมูลเปิดภาครัฐ พฤศจิกายน 2565: ภาพรวมทั้งประเทศ'],
    ['en', national, 1, 'Open data downloads November 2022: national overview'],
    [
      'th',
      agency,
      2,
      'สรุปการดาวน์โหลดข้อมูลเปิดภาครัฐ พฤศจิกายน 2565: หน่วยงาน <ทดสอบ> & "คำพูด" (ฉบับปรับปรุง ครั้งที่ 2)',
    ],
    [
      'en',
      agency,
      3,
      'Open data downloads November 2022: Agency <script>alert(1)</script> & co (revised, version 3)',
    ],
  ] as const)(
    'in %s, the subject names the month (Buddhist Era in Thai), the scope and a revision',
    (locale, f, v, subject) => {
      expect(reportSubject(f, v, locale)).toBe(subject)
      expect(buildReportEmail(f, v, locale, links).subject).toBe(subject)
    },
  )

  it.each([
    [
      'th',
      [
        'ดาวน์โหลดในเดือนนี้: 12,345',
        'เทียบกับเดือนก่อน: +23.5%',
        'ดาวน์โหลดไม่ซ้ำ: 6,000',
        'ดาวน์โหลดโดยโปรแกรม: 700',
        'ดาวน์โหลดสะสม ปีงบประมาณ 2566: 22,345',
        '1. กรมการปกครอง: 900 (ขึ้น 2 อันดับ)',
        '2. สำนักงานสถิติแห่งชาติ: 800 (ลง 1 อันดับ)',
        '2. กรมอุตุนิยมวิทยา: 800 (คงที่)',
        '4. กรมการขนส่งทางบก: 500 (ใหม่)',
      ],
    ],
    [
      'en',
      [
        'Downloads this month: 12,345',
        'Change since the previous month: +23.5%',
        'Unique downloads: 6,000',
        'Machine downloads: 700',
        'Downloads so far in FY 2023 (Oct 2022 – Sep 2023): 22,345',
        '1. Department of Provincial Administration: 900 (up 2)',
        '4. Department of Land Transport: 500 (new)',
      ],
    ],
  ] as const)('national figures in %s, in the plain-text part and the HTML', (locale, lines) => {
    const email = buildReportEmail(national, 1, locale, links)
    for (const line of lines) expect(email.text).toContain(line)
    expect(email.html).toContain('12,345')
    expect(email.html).toContain(escapeHtml(national.top[4]?.name[locale] ?? ''))
  })

  it.each([
    [
      'th',
      [
        'ณ สิ้นเดือนนี้ หน่วยงานยังไม่อยู่ในอันดับที่ได้รับรางวัลของปีงบประมาณ 2566: ขาดอีก 1,500 ครั้งถึงเกณฑ์',
        'ดาวน์โหลดในเดือนนี้: 1,500',
        'อันดับในเดือนนี้ (จาก 147 หน่วยงาน): 3 (ลง 2 อันดับ)',
        'อันดับสะสม ปีงบประมาณ 2566 (ใช้ตัดสินรางวัล): 12 (ขึ้น 3 อันดับ)',
        'เป้าหมาย: 10,000 (กำหนดโดย สพร.)',
        'ร้อยละของเป้าหมาย: 25.0%',
        'ขาดอีกถึงเกณฑ์รางวัล: 1,500',
        'คาดการณ์ถึงสิ้นปีงบประมาณ: 15,208',
        'ต้องการต่อเดือนที่เหลือ: 750',
      ],
    ],
    [
      'en',
      [
        'Downloads this month: 1,500',
        'Rank this month (of 147 agencies): 3 (down 2)',
        'Downloads so far in FY 2023 (Oct 2022 – Sep 2023): 2,500',
        'Rank in FY 2023 (Oct 2022 – Sep 2023) so far (decides the award): 12 (up 3)',
        'Target: 10,000 (set by DGA)',
        'Share of target: 25.0%',
        'Short of the award cut-off: 1,500',
        'Projection to fiscal year end: 15,208',
        'Needed per remaining month: 750',
      ],
    ],
  ] as const)('agency figures in %s', (locale, lines) => {
    const email = buildReportEmail(agency, 1, locale, links)
    for (const line of lines) expect(email.text).toContain(line)
  })

  it.each([
    [{ gapToCutoff: 0, neededPerMonth: 0 }, ['at or above the award cut-off', 'target reached']],
    [{ gapToCutoff: null, cutoff: null, neededPerMonth: null }, ['no award cut-off', 'target missed']],
    [{ rank: null, rankChange: null }, ['Rank this month (of 147 agencies): not ranked']],
    [{ awarded: true, gapToCutoff: 0 }, ['the agency is within the award places of FY 2023']],
    [{ gapToCutoff: null, cutoff: null }, ['FY 2023 (Oct 2022 – Sep 2023) has no award cut-off yet.']],
  ])('words the edge cases %j', (over, lines) => {
    const email = buildReportEmail({ ...agency, ...over }, 1, 'en', links)
    for (const line of lines) expect(email.text).toContain(line)
  })

  it('escapes every interpolated value in the HTML', () => {
    const html = buildReportEmail(agency, 1, 'en', links).html
    expect(html).not.toContain('<script>')
    expect(html).toContain('Agency &lt;script&gt;alert(1)&lt;/script&gt; &amp; co')
    expect(buildReportEmail(agency, 1, 'th', links).html).toContain(
      'หน่วยงาน &lt;ทดสอบ&gt; &amp; &quot;คำพูด&quot;',
    )
    expect(html).toContain(
      'href="https://rankings.example.go.th/v1/subscriptions/unsubscribe?token=sub-1.abc&amp;x=1"',
    )
  })

  it('says in both parts that the PDF is attached, when it is', () => {
    const attached = buildReportEmail(agency, 1, 'en', { ...links, pdfAttached: true })
    expect(attached.text).toContain('The PDF report is attached to this email.')
    expect(attached.html).toContain('The PDF report is attached to this email.')
    expect(buildReportEmail(agency, 1, 'en', links).text).not.toContain('attached')
  })

  it('links the PDF, the dashboard, the reports page and the unsubscribe page in both parts', () => {
    const { html, text } = buildReportEmail(national, 1, 'th', links)
    for (const url of Object.values(links)) {
      expect(text).toContain(url)
      expect(html).toContain(`href="${escapeHtml(url)}"`)
    }
  })

  it('uses inline styles and a table layout, and no script or stylesheet', () => {
    const { html } = buildReportEmail(national, 1, 'en', links)
    expect(html).toMatch(/<table role="presentation"/)
    expect(html).toMatch(/style="/)
    expect(html).not.toMatch(/<style|<script|<link/)
  })
})

describe('the wording of changes', () => {
  it.each([
    [110, 100, 10],
    [90, 100, -10],
    [100, 100, 0],
    [5, 0, null],
    [1, 3, -66.7],
  ])('from %i after %i is %s %%', (current, previous, expected) => {
    expect(changePercent(current, previous)).toBe(expected)
  })

  it.each([
    [110, 100, 'en', '+10.0%'],
    [90, 100, 'en', '−10.0%'],
    [100, 100, 'en', '±0.0%'],
    [5, 0, 'en', 'no previous month to compare with'],
    [5, 0, 'th', 'ไม่มีข้อมูลเดือนก่อนให้เทียบ'],
  ] as const)('%i after %i in %s reads %s', (current, previous, locale, text) => {
    expect(changeText(current, previous, locale)).toBe(text)
  })

  it.each([
    [3, 'en', 'up 3'],
    [-1, 'en', 'down 1'],
    [0, 'en', 'no change'],
    [null, 'en', 'new'],
    [1200, 'th', 'ขึ้น 1,200 อันดับ'],
    [null, 'th', 'ใหม่'],
  ] as const)('a rank change of %s in %s reads %s', (change, locale, text) => {
    expect(rankChangeText(change, locale)).toBe(text)
  })
})

describe('HTML escaping', () => {
  it.each([
    ['<b>', '&lt;b&gt;'],
    ['a & b', 'a &amp; b'],
    [`"quoted" 'single'`, '&quot;quoted&quot; &#39;single&#39;'],
    ['กรม', 'กรม'],
    [12, '12'],
  ])('escapes %j', (value, escaped) => {
    expect(escapeHtml(value)).toBe(escaped)
  })

  it.each([
    ['https://a.example/x?y=1&z=2', 'https://a.example/x?y=1&amp;z=2'],
    ['javascript:alert(1)', '#'],
    ['data:text/html,hi', '#'],
  ])('keeps only http(s) links: %s', (url, href) => {
    expect(safeHref(url)).toBe(href)
  })
})

describe('the unsubscribe page', () => {
  it('asks to confirm with a form posting back to the signed address, in the subscription language', () => {
    const html = unsubscribePage('confirm', {
      locale: 'en',
      email: 'a<b>@x.go.th',
      action: '/v1/x?token=a&b',
    })
    expect(html).toContain('<form method="post" action="/v1/x?token=a&amp;b">')
    expect(html).toContain('a&lt;b&gt;@x.go.th')
    expect(html).toContain('lang="en"')
    expect(html).not.toContain('lang="th"')
  })

  it('says both languages when it cannot know which', () => {
    const html = unsubscribePage('invalid')
    expect(html).toContain('ลิงก์ยกเลิกนี้ไม่ถูกต้อง')
    expect(html).toContain('This unsubscribe link is not valid')
    expect(html).not.toMatch(/<script|style=/)
  })
})
