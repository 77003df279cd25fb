import type { VerifiedCertificate } from './certification.js'
import { formatCode } from './certification.js'
import { escapeHtml } from './email/html.js'
import { BANGKOK_OFFSET_MS, fiscalYearLabel, monthName, yearLabel } from './time.js'

const number = new Intl.NumberFormat('en-US')

/** An instant's Bangkok date as a person reads it: "3 ธันวาคม 2569" (Buddhist Era) and "3 December 2026". */
export function dateLabels(iso: string) {
  const d = new Date(Date.parse(iso) + BANGKOK_OFFSET_MS)
  const en = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(d)
  return {
    th: `${d.getUTCDate()} ${monthName(d.getUTCMonth() + 1, 'th')} ${yearLabel(d.getUTCFullYear(), 'th')}`,
    en,
  }
}

const layout = (title: string, body: string) => `<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body>
${body}
</body></html>
`

/**
 * The public verification page of a certificate, Thai first with English: the award, the holder, the fiscal
 * year, the counts it was given on and the certification's hash. No scripts or styles (the dashboard's CSP).
 */
export function verificationPage(v: VerifiedCertificate): string {
  const on = dateLabels(v.certifiedAt)
  const count = v.awardCount ?? v.downloads
  const rows: [string, string, string][] = [
    ['รางวัล', 'Award', `${v.categoryTitle.th} · ${v.categoryTitle.en}`],
    ['ผู้ได้รับ', 'Holder', `${v.holder.th} · ${v.holder.en}`],
    ...(v.agencyName
      ? ([['หน่วยงาน', 'Agency', `${v.agencyName.th} · ${v.agencyName.en}`]] as [string, string, string][])
      : []),
    ['ปีงบประมาณ', 'Fiscal year', `${fiscalYearLabel(v.fy, 'th')} · ${fiscalYearLabel(v.fy, 'en')}`],
    ['อันดับ', 'Rank', `${v.rank}${v.tiedAtCutoff ? ' (เสมอที่เกณฑ์ · tied at the cut-off)' : ''}`],
    ['ยอดดาวน์โหลด', 'Downloads', number.format(v.downloads)],
    ['ยอดที่นับเพื่อรางวัล', 'Award count', number.format(count)],
    ['กฎการนับ', 'Counting rules', v.countingRules],
    ['รับรองผลเมื่อ', 'Certified on', `${on.th} · ${on.en} (ฉบับที่ ${v.version} · version ${v.version})`],
    ['ค่าแฮช SHA-256 ของผลรับรอง', 'Certification hash (SHA-256)', v.contentSha256],
    ['รหัสตรวจสอบ', 'Verification code', formatCode(v.code)],
  ]
  const table = rows
    .map(
      ([th, en, value]) =>
        `<tr><th scope="row">${escapeHtml(th)}<br><small lang="en">${escapeHtml(en)}</small></th><td data-field="${escapeHtml(en.toLowerCase().replace(/[^a-z]+/g, '-'))}">${escapeHtml(value)}</td></tr>`,
    )
    .join('\n')
  const superseded = v.superseded
    ? `<p><strong>ผลฉบับนี้มีการแก้ไขในฉบับต่อมา</strong> · <span lang="en">A later certification restates these results.</span></p>`
    : ''
  return layout(
    'ตรวจสอบเกียรติบัตร · Certificate verification',
    `<main>
<h1>เกียรติบัตรนี้ได้รับการรับรอง</h1>
<p lang="en">This certificate is genuine: issued by the Digital Government Development Agency (DGA).</p>
${superseded}
<table>
${table}
</table>
</main>`,
  )
}

/** The page for a code that is not a certificate's (of the wrong shape, or never issued). */
export function unknownCodePage(): string {
  return layout(
    'ไม่พบเกียรติบัตร · Certificate not found',
    `<main>
<h1>ไม่พบเกียรติบัตรที่มีรหัสนี้</h1>
<p>กรุณาตรวจสอบรหัสบนเกียรติบัตรอีกครั้ง</p>
<p lang="en">No certificate has this verification code. Check the code printed on the certificate.</p>
</main>`,
  )
}
