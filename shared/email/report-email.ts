import { outlookSentence } from '../outlook-text.js'
import { REVIEW_BADGE, reviewSentence } from '../review-text.js'
import type { ReviewDecision } from '../reviews.js'
import { fiscalYearLabel, type Locale, monthLabel } from '../time.js'
import { type AgencyFigures, changePercent, type NationalFigures, type ReportFigures } from './figures.js'
import { escapeHtml, safeHref } from './html.js'

/**
 * Where an email's links go: the dashboard page of its scope, the reports page, the scope's PDF of this report
 * (it opens once the reader has signed in), the unsubscribe page; and whether that PDF is attached.
 */
export interface EmailLinks {
  dashboard: string
  reports: string
  pdf: string
  pdfAttached?: boolean
  unsubscribe: string
}

/** A report email ready to be composed into a message: subject, HTML and plain-text bodies. */
export interface ReportEmail {
  subject: string
  html: string
  text: string
}

const WORDS = {
  th: {
    product: 'อันดับการดาวน์โหลดข้อมูลเปิดภาครัฐ',
    subject: 'สรุปการดาวน์โหลดข้อมูลเปิดภาครัฐ',
    national: 'ภาพรวมทั้งประเทศ',
    revised: (v: number) => `ฉบับปรับปรุง ครั้งที่ ${v}`,
    lead: (month: string, scope: string) => `สรุปตัวเลขสำคัญของเดือน${month} สำหรับ${scope}`,
    downloads: 'ดาวน์โหลดในเดือนนี้',
    unique: 'ดาวน์โหลดไม่ซ้ำ',
    machine: 'ดาวน์โหลดโดยโปรแกรม',
    vsPrevious: 'เทียบกับเดือนก่อน',
    noComparison: 'ไม่มีข้อมูลเดือนก่อนให้เทียบ',
    fytd: (fy: string) => `ดาวน์โหลดสะสม ${fy}`,
    top: 'ห้าอันดับหน่วยงานแรกของเดือน',
    rank: 'อันดับ',
    agency: 'หน่วยงาน',
    change: 'เปลี่ยนแปลง',
    monthRank: (n: string) => `อันดับในเดือนนี้ (จาก ${n} หน่วยงาน)`,
    fyRank: (fy: string) => `อันดับสะสม ${fy} (ใช้ตัดสินรางวัล)`,
    verdictAwarded: (fy: string) => `ณ สิ้นเดือนนี้ หน่วยงานอยู่ในอันดับที่ได้รับรางวัลของ${fy}`,
    verdictShort: (fy: string, gap: string) =>
      `ณ สิ้นเดือนนี้ หน่วยงานยังไม่อยู่ในอันดับที่ได้รับรางวัลของ${fy}: ขาดอีก ${gap} ครั้งถึงเกณฑ์`,
    verdictNoCutoff: (fy: string) => `ยังไม่มีเกณฑ์รางวัลของ${fy}`,
    verdictDisqualified: (fy: string) => `สพร. ตัดสิทธิ์หน่วยงานจากรางวัลของ${fy}`,
    openPdf: 'เปิดรายงาน PDF',
    pdfAttached: 'แนบรายงาน PDF มากับอีเมลนี้',
    noRank: 'ไม่มีอันดับ',
    up: (n: string) => `ขึ้น ${n} อันดับ`,
    down: (n: string) => `ลง ${n} อันดับ`,
    same: 'คงที่',
    new: 'ใหม่',
    target: 'เป้าหมาย',
    targetSource: {
      dga: 'กำหนดโดย สพร.',
      projected_cutoff: 'ตามเกณฑ์รางวัลสิ้นปีที่คาดการณ์',
      set: 'กำหนดโดย สพร.',
      cutoff: 'ตามเกณฑ์รางวัล',
    },
    ofTarget: 'ร้อยละของเป้าหมาย',
    gap: 'ขาดอีกถึงเกณฑ์รางวัล',
    atCutoff: 'ถึงเกณฑ์รางวัลแล้ว',
    noCutoff: 'ไม่มีเกณฑ์รางวัล',
    projection: 'คาดการณ์ถึงสิ้นปีงบประมาณ',
    needed: 'ต้องการต่อเดือนที่เหลือ',
    outlook: 'แนวโน้มรางวัล',
    awardCount: 'ยอดที่ใช้ตัดสินรางวัล',
    review: 'ผลการตรวจสอบของ สพร.',
    reason: 'เหตุผล',
    targetMet: 'ถึงเป้าหมายแล้ว',
    targetMissed: 'ไม่ถึงเป้าหมาย',
    openDashboard: 'เปิดแดชบอร์ด',
    openReports: 'ดูรายงานประจำเดือน',
    why: 'คุณได้รับอีเมลนี้เพราะสมัครรับรายงานประจำเดือนของระบบอันดับการดาวน์โหลดข้อมูลเปิดภาครัฐ',
    unsubscribe: 'ยกเลิกการรับอีเมล',
  },
  en: {
    product: 'Open Government Data Rankings',
    subject: 'Open data downloads',
    national: 'national overview',
    revised: (v: number) => `revised, version ${v}`,
    lead: (month: string, scope: string) => `The headline figures of ${month} for ${scope}.`,
    downloads: 'Downloads this month',
    unique: 'Unique downloads',
    machine: 'Machine downloads',
    vsPrevious: 'Change since the previous month',
    noComparison: 'no previous month to compare with',
    fytd: (fy: string) => `Downloads so far in ${fy}`,
    top: 'Top five agencies of the month',
    rank: 'Rank',
    agency: 'Agency',
    change: 'Change',
    monthRank: (n: string) => `Rank this month (of ${n} agencies)`,
    fyRank: (fy: string) => `Rank in ${fy} so far (decides the award)`,
    verdictAwarded: (fy: string) =>
      `At the end of this month the agency is within the award places of ${fy}.`,
    verdictShort: (fy: string, gap: string) =>
      `At the end of this month the agency is not within the award places of ${fy}: ${gap} downloads short of the cut-off.`,
    verdictNoCutoff: (fy: string) => `${fy} has no award cut-off yet.`,
    verdictDisqualified: (fy: string) => `DGA disqualified the agency from the award of ${fy}.`,
    openPdf: 'Open the PDF report',
    pdfAttached: 'The PDF report is attached to this email.',
    noRank: 'not ranked',
    up: (n: string) => `up ${n}`,
    down: (n: string) => `down ${n}`,
    same: 'no change',
    new: 'new',
    target: 'Target',
    targetSource: {
      dga: 'set by DGA',
      projected_cutoff: 'the projected year-end award cut-off',
      set: 'set by DGA',
      cutoff: 'the award cut-off',
    },
    ofTarget: 'Share of target',
    gap: 'Short of the award cut-off',
    atCutoff: 'at or above the award cut-off',
    noCutoff: 'no award cut-off',
    projection: 'Projection to fiscal year end',
    needed: 'Needed per remaining month',
    outlook: 'Award outlook',
    awardCount: 'Award count',
    review: "DGA's integrity review",
    reason: 'Reason',
    targetMet: 'target reached',
    targetMissed: 'target missed',
    openDashboard: 'Open the dashboard',
    openReports: 'Monthly reports',
    why: 'You receive this email because you subscribed to the monthly reports of Open Government Data Rankings.',
    unsubscribe: 'Unsubscribe',
  },
} as const

type Words = (typeof WORDS)[Locale]

const numberFormat = (locale: Locale) => new Intl.NumberFormat(locale === 'th' ? 'th-TH' : 'en-GB')
const percentFormat = (locale: Locale) =>
  new Intl.NumberFormat(locale === 'th' ? 'th-TH' : 'en-GB', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })

/** A change of rank in words: up, down, unchanged, or new in the ranking (no previous rank). */
export function rankChangeText(change: number | null, locale: Locale): string {
  const w = WORDS[locale]
  const n = numberFormat(locale)
  if (change === null) return w.new
  if (change > 0) return w.up(n.format(change))
  if (change < 0) return w.down(n.format(-change))
  return w.same
}

/** A percent change with its sign ("+12.5%", "−3.0%"), or the words for no comparison. */
export function changeText(current: number, previous: number | null, locale: Locale): string {
  const change = previous === null ? null : changePercent(current, previous)
  if (change === null) return WORDS[locale].noComparison
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±'
  return `${sign}${percentFormat(locale).format(Math.abs(change))}%`
}

type Row = [label: string, value: string]

function nationalRows(f: NationalFigures, w: Words, locale: Locale): Row[] {
  const n = numberFormat(locale)
  return [
    [w.downloads, n.format(f.downloads)],
    [w.vsPrevious, changeText(f.downloads, f.previousDownloads, locale)],
    [w.unique, n.format(f.uniqueDownloads)],
    [w.machine, n.format(f.machineDownloads)],
    [w.fytd(fiscalYearLabel(f.fy, locale)), n.format(f.fiscalYearToDate.downloads)],
  ]
}

function agencyRows(f: AgencyFigures, w: Words, locale: Locale): Row[] {
  const n = numberFormat(locale)
  const p = percentFormat(locale)
  const gap = f.gapToCutoff === null ? w.noCutoff : f.gapToCutoff === 0 ? w.atCutoff : n.format(f.gapToCutoff)
  const needed =
    f.neededPerMonth === null
      ? w.targetMissed
      : f.neededPerMonth === 0
        ? w.targetMet
        : n.format(f.neededPerMonth)
  return [
    [w.downloads, n.format(f.downloads)],
    [w.unique, n.format(f.uniqueDownloads)],
    [
      w.monthRank(n.format(f.rankedAgencies)),
      f.rank === null ? w.noRank : `${n.format(f.rank)} (${rankChangeText(f.rankChange, locale)})`,
    ],
    [w.fytd(fiscalYearLabel(f.fy, locale)), n.format(f.fiscalYearToDate)],
    ...(f.awardCount === undefined ? [] : [[w.awardCount, n.format(f.awardCount)] as Row]),
    ...(f.review ? [[w.review, REVIEW_BADGE[f.review.decision][locale]] as Row] : []),
    [
      w.fyRank(fiscalYearLabel(f.fy, locale)),
      f.fiscalYearRank === null
        ? w.noRank
        : `${n.format(f.fiscalYearRank)} (${rankChangeText(f.fiscalYearRankChange, locale)})`,
    ],
    [w.target, `${n.format(f.target)} (${w.targetSource[f.targetSource]})`],
    [w.ofTarget, `${p.format(f.targetPercent)}%`],
    [w.gap, gap],
    [w.projection, n.format(f.projection)],
    [w.needed, needed],
    ...outlookRow(f, w, locale),
  ]
}

/** The outlook sentence the dashboard shows, in the email's language (none in reports written before it). */
function outlookRow(f: AgencyFigures, w: Words, locale: Locale): Row[] {
  const sentence = outlookSentence(
    { rank: f.fiscalYearRank, gapToCutoff: f.gapToCutoff, outlook: f.outlook },
    locale,
  )
  return sentence === undefined ? [] : [[w.outlook, sentence]]
}

const CELL = 'padding:6px 8px;border-bottom:1px solid #e2e8f0;'
const FONT = "font-family:Sarabun,'Noto Sans Thai',Tahoma,Arial,sans-serif;color:#1a202c;"

function htmlRows(rows: Row[]): string {
  return rows
    .map(
      ([label, value]) =>
        `<tr><td style="${CELL}">${escapeHtml(label)}</td><td style="${CELL}text-align:right;font-weight:bold;">${escapeHtml(value)}</td></tr>`,
    )
    .join('')
}

function htmlTop(f: NationalFigures, w: Words, locale: Locale): string {
  const n = numberFormat(locale)
  const head = [w.rank, w.agency, w.downloads, w.change]
    .map((h) => `<th style="${CELL}text-align:left;">${escapeHtml(h)}</th>`)
    .join('')
  const rows = f.top
    .map(
      (a) =>
        `<tr><td style="${CELL}">${escapeHtml(n.format(a.rank))}</td><td style="${CELL}">${escapeHtml(a.name[locale] + topBadge(a.review, locale))}</td><td style="${CELL}text-align:right;">${escapeHtml(n.format(a.downloads))}</td><td style="${CELL}">${escapeHtml(rankChangeText(a.rankChange, locale))}</td></tr>`,
    )
    .join('')
  return `<h2 style="font-size:16px;margin:24px 0 8px;">${escapeHtml(w.top)}</h2><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;"><tr>${head}</tr>${rows}</table>`
}

/** DGA's review of the agency in plain words, and DGA's reason; none without a review. */
export function reviewLines(f: ReportFigures, locale: Locale): string[] {
  if (f.scope !== 'agency' || !f.review) return []
  const sentence = reviewSentence(
    { review: f.review, downloads: f.fiscalYearToDate, awardCount: f.awardCount },
    locale,
  )
  return [sentence, `${WORDS[locale].reason}: ${f.review.reason}`]
}

/** A national top-five entry's review badge, after its figures. */
const topBadge = (review: ReviewDecision | undefined, locale: Locale) =>
  review ? ` · ${REVIEW_BADGE[review][locale]}` : ''

/** The one sentence an executive reads first: where the agency stands against the award at the month's end. */
export function verdictText(f: AgencyFigures, locale: Locale): string {
  const w = WORDS[locale]
  const fy = fiscalYearLabel(f.fy, locale)
  if (f.review?.decision === 'disqualified') return w.verdictDisqualified(fy)
  if (f.awarded) return w.verdictAwarded(fy)
  if (f.gapToCutoff === null) return w.verdictNoCutoff(fy)
  return w.verdictShort(fy, numberFormat(locale).format(f.gapToCutoff))
}

const scopeName = (f: ReportFigures, locale: Locale) =>
  f.scope === 'national' ? WORDS[locale].national : f.name[locale]

/** The subject line: product, month, scope, and whether this is a revised version of the report. */
export function reportSubject(f: ReportFigures, version: number, locale: Locale): string {
  const w = WORDS[locale]
  const revised = version > 1 ? ` (${w.revised(version)})` : ''
  return `${w.subject} ${monthLabel(f.month, locale)}: ${scopeName(f, locale)}${revised}`
}

/**
 * The report email of a month for one scope, in Thai or English: the headline figures, links to the
 * dashboard and the reports, and the unsubscribe link; HTML (inline styles, table layout, every value
 * escaped) with the same content as plain text.
 */
export function buildReportEmail(
  figures: ReportFigures,
  version: number,
  locale: Locale,
  links: EmailLinks,
): ReportEmail {
  const w = WORDS[locale]
  const subject = reportSubject(figures, version, locale)
  const lead = w.lead(monthLabel(figures.month, locale), scopeName(figures, locale))
  const rows =
    figures.scope === 'national' ? nationalRows(figures, w, locale) : agencyRows(figures, w, locale)
  const top = figures.scope === 'national' ? figures.top : []
  const verdict = figures.scope === 'agency' ? verdictText(figures, locale) : undefined
  const review = reviewLines(figures, locale)

  const button = (href: string, label: string) =>
    `<a href="${safeHref(href)}" style="display:inline-block;margin:0 8px 8px 0;padding:10px 16px;background:#1e3a8a;color:#ffffff;text-decoration:none;border-radius:4px;">${escapeHtml(label)}</a>`
  const html = `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f7fafc;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f7fafc;"><tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;${FONT}font-size:14px;line-height:1.5;">
<tr><td style="padding:24px;">
<p style="margin:0;color:#4a5568;">${escapeHtml(w.product)}</p>
<h1 style="font-size:20px;margin:4px 0 16px;">${escapeHtml(subject)}</h1>
<p style="margin:0 0 16px;">${escapeHtml(lead)}</p>
${verdict ? `<p style="margin:0 0 16px;font-size:16px;font-weight:bold;">${escapeHtml(verdict)}</p>` : ''}
${review.map((line) => `<p style="margin:0 0 8px;" data-review>${escapeHtml(line)}</p>`).join('')}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;">${htmlRows(rows)}</table>
${figures.scope === 'national' ? htmlTop(figures, w, locale) : ''}
<p style="margin:24px 0 0;">${button(links.pdf, w.openPdf)}${button(links.dashboard, w.openDashboard)}${button(links.reports, w.openReports)}</p>
${links.pdfAttached ? `<p style="margin:8px 0 0;color:#4a5568;">${escapeHtml(w.pdfAttached)}</p>` : ''}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e2e8f0;font-size:12px;color:#4a5568;">${escapeHtml(w.why)}<br><a href="${safeHref(links.unsubscribe)}" style="color:#4a5568;">${escapeHtml(w.unsubscribe)}</a></td></tr>
</table>
</td></tr></table>
</body></html>
`

  const n = numberFormat(locale)
  const text = [
    w.product,
    subject,
    '',
    lead,
    ...(verdict ? ['', verdict] : []),
    ...(review.length > 0 ? ['', ...review] : []),
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    ...(top.length > 0
      ? [
          '',
          `${w.top}:`,
          ...top.map(
            (a) =>
              `${n.format(a.rank)}. ${a.name[locale]}: ${n.format(a.downloads)} (${rankChangeText(a.rankChange, locale)})${topBadge(a.review, locale)}`,
          ),
        ]
      : []),
    '',
    ...(links.pdfAttached ? [w.pdfAttached] : []),
    `${w.openPdf}: ${links.pdf}`,
    `${w.openDashboard}: ${links.dashboard}`,
    `${w.openReports}: ${links.reports}`,
    '',
    '-- ',
    w.why,
    `${w.unsubscribe}: ${links.unsubscribe}`,
    '',
  ].join('\n')
  return { subject, html, text }
}
