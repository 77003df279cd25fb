import { createHash } from 'node:crypto'
import QRCode from 'qrcode'
import {
  type CertificateRef,
  type Certification,
  type CertifiedCategory,
  type CertifiedEntry,
  formatCode,
  RESULTS_FILE,
  verificationUrl,
} from '../../shared/certification.js'
import { dateLabels } from '../../shared/certification-page.js'
import { awardCategoryTitle, awardMetricLabel } from '../../shared/reports/labels.js'
import { fiscalYearLabel } from '../../shared/time.js'
import {
  A4,
  CONTENT_WIDTH,
  formatNumber,
  MARGIN,
  PdfWriter,
  type TableColumn,
} from '../reports/pdf-writer.js'

/** Who issues the awards and their certificates. */
export const ISSUER = {
  th: 'สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)',
  en: 'Digital Government Development Agency (Public Organization)',
}

/** A file of the ceremony pack, rendered. */
export interface RenderedFile {
  name: string
  body: Buffer
}

const categoryTitle = (certification: Certification, category: CertifiedCategory) =>
  awardCategoryTitle(category, certification.categories.indexOf(category) + 1)

const yesNo = (entry: CertifiedEntry) =>
  entry.awarded ? (entry.tiedAtCutoff ? 'ได้รับ (เสมอที่เกณฑ์) · yes, tied' : 'ได้รับ · yes') : '–'

function resultColumns(category: CertifiedCategory): TableColumn<CertifiedEntry>[] {
  return [
    { header: 'อันดับ · Rank', width: 50, align: 'right', cell: (e) => String(e.rank) },
    {
      header: category.subject === 'agency' ? 'หน่วยงาน · Agency' : 'ชุดข้อมูล · Dataset',
      width: 250,
      cell: (e) => (e.agencyName ? `${e.name.th} (${e.agencyName.th})` : e.name.th),
    },
    { header: 'ดาวน์โหลด · Downloads', width: 70, align: 'right', cell: (e) => formatNumber(e.downloads) },
    {
      header: 'นับเพื่อรางวัล · Award count',
      width: 70,
      align: 'right',
      cell: (e) => formatNumber(e.awardCount ?? e.downloads),
    },
    { header: 'รางวัล · Awarded', width: 75, cell: yesNo },
  ]
}

/**
 * The results document: every category's winners and the runners-up near the cut-off with their counts, ties,
 * the programme and the counting rules, the review decisions, and the certification's version and hash.
 */
export async function renderResults(certification: Certification): Promise<Buffer> {
  const { fy } = certification
  const date = new Date(certification.certifiedAt)
  const pdf = new PdfWriter({ title: `ผลรางวัล ${fiscalYearLabel(fy, 'th')} · Award results`, date })
  const certified = dateLabels(certification.certifiedAt)
  pdf.text(ISSUER.th, MARGIN, pdf.y, { size: 10, color: '#555555' })
  pdf.y += 14
  pdf.text(ISSUER.en, MARGIN, pdf.y, { size: 8, color: '#555555' })
  pdf.y += 20
  pdf.text(`ผลรางวัล DIGI Data Awards ${fiscalYearLabel(fy, 'th')}`, MARGIN, pdf.y, { size: 18, bold: true })
  pdf.y += 24
  pdf.text(`DIGI Data Awards results, ${fiscalYearLabel(fy, 'en')}`, MARGIN, pdf.y, { size: 11 })
  pdf.y += 22
  const lines = [
    `รับรองผลเมื่อ ${certified.th} ฉบับที่ ${certification.version} · Certified on ${certified.en}, version ${certification.version}`,
    ...(certification.restates
      ? [
          `ฉบับนี้แก้ไขฉบับที่ ${certification.restates.version} · This version restates version ${certification.restates.version}`,
        ]
      : []),
    `กฎการนับ ${certification.countingRules} · Counting rules ${certification.countingRules}`,
    `ค่าแฮช SHA-256 · Content hash: ${certification.contentSha256}`,
  ]
  for (const line of lines) pdf.paragraph(line)
  for (const category of certification.categories) {
    const title = categoryTitle(certification, category)
    const metric = awardMetricLabel(category.metric)
    const winners = category.standings.filter((s) => s.awarded).length
    pdf.heading(title.th, title.en)
    pdf.paragraph(
      `${category.places} รางวัล ตาม${metric.th} เกณฑ์ ${formatNumber(category.cutoff)} ผู้ได้รับ ${winners}${category.ties ? ' (มีผู้เสมอที่เกณฑ์ ไม่ตัดสินแยก)' : ''} · ` +
        `${category.places} places by ${metric.en}, cut-off ${formatNumber(category.cutoff)}, ${winners} awarded${category.ties ? ' (a tie at the cut-off is never broken)' : ''}`,
    )
    for (const g of category.groups ?? []) {
      pdf.paragraph(`กลุ่ม ${g.group}: ${g.places} รางวัล เกณฑ์ ${formatNumber(g.cutoff)} · group ${g.group}`)
    }
    pdf.table(resultColumns(category), category.standings)
  }
  pdf.heading('ผลการตรวจสอบความน่าเชื่อถือ', 'Integrity review decisions', 40)
  if (certification.reviews.length === 0) pdf.paragraph('ไม่มี · None.')
  for (const r of certification.reviews) {
    const left = [...(r.days ?? []), ...(r.months ?? [])].join(', ')
    pdf.paragraph(`${r.subjectId}: ${r.decision}${left ? ` (${left})` : ''} — ${r.reason}`)
  }
  return pdf.finish({
    left: `ผลรางวัล ${fiscalYearLabel(fy, 'th')} · Award results`,
    right: `ฉบับที่ ${certification.version} · v${certification.version}`,
  })
}

/** The QR code of a verification URL, as a PNG (black on white, a quiet zone of 4 modules). */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 })
}

/** One winner's certificate: the holder in Thai (and English), the award, the fiscal year, DGA, code and QR. */
export async function renderCertificate(
  certification: Certification,
  ref: CertificateRef,
  verifyBase: string,
): Promise<Buffer> {
  const category = certification.categories.find((c) => c.id === ref.categoryId)
  const entry = category?.standings.find((s) => s.id === ref.subjectId)
  if (!category || !entry) throw new Error(`no winner ${ref.subjectId} in ${ref.categoryId}`)
  const title = categoryTitle(certification, category)
  const url = verificationUrl(verifyBase, ref.code)
  const certified = dateLabels(certification.certifiedAt)
  const pdf = new PdfWriter({
    title: `${title.th} · ${entry.name.th}`,
    date: new Date(certification.certifiedAt),
  })
  const center = { width: CONTENT_WIDTH, align: 'center' as const }
  pdf.doc
    .rect(MARGIN / 2, MARGIN / 2, A4.width - MARGIN, A4.height - MARGIN)
    .lineWidth(2)
    .stroke('#1f4e79')
  let y = MARGIN + 30
  const line = (
    text: string,
    size: number,
    gap: number,
    options: { bold?: boolean; color?: string } = {},
  ) => {
    pdf.text(text, MARGIN, y, { size, ...center, ...options })
    y += gap
  }
  line(ISSUER.th, 14, 20, { bold: true })
  line(ISSUER.en, 9, 50, { color: '#555555' })
  line('เกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า', 13, 18)
  line('This certifies that', 9, 40, { color: '#555555' })
  line(entry.name.th, 22, 30, { bold: true })
  if (entry.name.en && entry.name.en !== entry.name.th) line(entry.name.en, 11, 20, { color: '#333333' })
  if (entry.agencyName) line(`${entry.agencyName.th} · ${entry.agencyName.en}`, 10, 20, { color: '#333333' })
  y += 16
  line(`ได้รับ${title.th}`, 16, 22, { bold: true })
  line(`has received the ${title.en}`, 10, 30, { color: '#555555' })
  line(`DIGI Data Awards ${fiscalYearLabel(certification.fy, 'th')}`, 14, 18)
  line(fiscalYearLabel(certification.fy, 'en'), 9, 30, { color: '#555555' })
  const count = entry.awardCount ?? entry.downloads
  line(`อันดับที่ ${entry.rank} ด้วยยอดดาวน์โหลด ${formatNumber(count)} ครั้ง`, 12, 16)
  line(
    `Rank ${entry.rank} with ${formatNumber(count)} downloads${entry.tiedAtCutoff ? ' (tied at the cut-off)' : ''}`,
    9,
    30,
    {
      color: '#555555',
    },
  )
  line(`ให้ไว้ ณ วันที่ ${certified.th}`, 12, 16)
  line(`Given on ${certified.en}`, 9, 20, { color: '#555555' })
  const qrSize = 120
  const qrY = A4.height - MARGIN - 60 - qrSize
  pdf.doc.image(await qrPng(url), (A4.width - qrSize) / 2, qrY, { width: qrSize, height: qrSize })
  y = qrY + qrSize + 8
  line(`รหัสตรวจสอบ · Verification code: ${formatCode(ref.code)}`, 10, 14, { bold: true })
  line(url, 8, 12, { color: '#555555' })
  return pdf.finish({
    left: `${ISSUER.en} · ${title.en}`,
    right: `ฉบับที่ ${certification.version} · v${certification.version}`,
  })
}

/** Every file of the ceremony pack: the results document, then one certificate per winner. */
export async function renderPack(certification: Certification, verifyBase: string): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [{ name: RESULTS_FILE, body: await renderResults(certification) }]
  for (const ref of certification.certificates) {
    files.push({ name: ref.file, body: await renderCertificate(certification, ref, verifyBase) })
  }
  return files
}

/** A file's entry in the pack's listing. */
export const packEntry = (file: RenderedFile) => ({
  name: file.name,
  size: file.body.length,
  sha256: createHash('sha256').update(file.body).digest('hex'),
})
