import type { LocalizedText } from '../catalog.js'
import { type Locale, type Month, monthLabel } from '../time.js'

/**
 * What a person reads in the report documents (PDF, xlsx) where the data holds a code: month names in the
 * Buddhist Era, award category titles, target sources, agency groups, yes/no, rank changes. CSV and
 * report.json keep the codes; these only say them in Thai and English.
 */

/** Thai first, then English, in one string: "ได้รับ / yes". */
export const bilingual = (text: LocalizedText, separator = ' / ') =>
  text.th === text.en ? text.th : `${text.th}${separator}${text.en}`

const SHORT_MONTHS: Record<Locale, string[]> = {
  th: ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
}

/** A month in both languages: "พฤศจิกายน 2569" (Buddhist Era) and "November 2026". */
export const monthLabels = (month: Month): LocalizedText => ({
  th: monthLabel(month, 'th'),
  en: monthLabel(month, 'en'),
})

/** A month on a chart axis: "ต.ค. 2569" (Buddhist Era) and "Oct 2026". */
export function shortMonthLabels(month: Month): LocalizedText {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return { th: `${SHORT_MONTHS.th[m - 1]} ${y + 543}`, en: `${SHORT_MONTHS.en[m - 1]} ${y}` }
}

const CATEGORY_TITLES: Record<string, LocalizedText> = {
  'agency-plaque': { th: 'โล่รางวัลหน่วยงาน', en: 'Agency plaque' },
  'dataset-certificate': { th: 'เกียรติบัตรชุดข้อมูลที่มีคุณค่า', en: 'Valuable dataset certificate' },
}

/**
 * An award category's title: the default programme's two categories by name; a category DGA added under
 * another id by what it awards and its place in the programme (1-based), never by its id.
 */
export function awardCategoryTitle(
  category: { id: string; subject: 'agency' | 'dataset' },
  position: number,
): LocalizedText {
  const known = CATEGORY_TITLES[category.id]
  if (known) return known
  return category.subject === 'agency'
    ? { th: `รางวัลหน่วยงาน ประเภทที่ ${position}`, en: `Agency award, category ${position}` }
    : { th: `รางวัลชุดข้อมูล ประเภทที่ ${position}`, en: `Dataset award, category ${position}` }
}

/** Who competes in an award category. */
export const awardSubjectLabel = (subject: 'agency' | 'dataset'): LocalizedText =>
  subject === 'agency' ? { th: 'หน่วยงาน', en: 'agencies' } : { th: 'ชุดข้อมูล', en: 'datasets' }

/** The count an award category ranks by. */
export const awardMetricLabel = (metric: string): LocalizedText =>
  metric === 'uniqueDownloads'
    ? { th: 'ดาวน์โหลดไม่ซ้ำ', en: 'unique downloads' }
    : metric === 'downloads'
      ? { th: 'ดาวน์โหลดทั้งหมด', en: 'total downloads' }
      : { th: metric, en: metric }

const TARGET_SOURCES: Record<string, LocalizedText> = {
  cutoff: { th: 'ตามเกณฑ์รางวัล', en: 'award cut-off' },
  set: { th: 'กำหนดโดย สพร.', en: 'set by DGA' },
  // The outlook's codes (PRODUCT.md), for when performance reports them.
  dga: { th: 'กำหนดโดย สพร.', en: 'set by DGA' },
  projected_cutoff: { th: 'ตามเกณฑ์รางวัลสิ้นปีที่คาดการณ์', en: 'projected year-end award cut-off' },
}

/** Where an agency's target comes from (`targetSource`); an unknown code is shown as it is. */
export const targetSourceLabel = (code: string): LocalizedText =>
  TARGET_SOURCES[code] ?? { th: code, en: code }

const GROUPS: Record<string, LocalizedText> = {
  ministry: { th: 'ระดับกระทรวง', en: 'Ministry' },
  department: { th: 'ระดับกรม', en: 'Department' },
  office: { th: 'ระดับสำนักงาน', en: 'Office' },
  provincial: { th: 'จังหวัด', en: 'Provincial office' },
  'local-government': { th: 'องค์กรปกครองส่วนท้องถิ่น', en: 'Local government' },
  'public-organization': { th: 'องค์การมหาชน', en: 'Public organization' },
  'state-enterprise': { th: 'รัฐวิสาหกิจ', en: 'State enterprise' },
  independent: { th: 'องค์กรอิสระ', en: 'Independent body' },
}

/** An agency's award group (`provincial` → จังหวัด); a group the list does not know is shown as it is. */
export const groupLabel = (code: string): LocalizedText => GROUPS[code] ?? { th: code, en: code }

/** Yes or no, worded for what is asked. */
export function yesNoLabel(value: boolean, about: 'awarded' | 'tie' | 'plain' = 'plain'): LocalizedText {
  if (about === 'awarded') return value ? { th: 'ได้รับ', en: 'yes' } : { th: 'ไม่ได้รับ', en: 'no' }
  if (about === 'tie') return value ? { th: 'เสมอ', en: 'yes' } : { th: 'ไม่เสมอ', en: 'no' }
  return value ? { th: 'ใช่', en: 'yes' } : { th: 'ไม่ใช่', en: 'no' }
}

/** A change of rank as a mark: ▲5 up five places, ▼3 down three, = unchanged, – no earlier rank. */
export function rankChangeMark(change: number | null): string {
  if (change === null) return '–'
  if (change > 0) return `▲${change}`
  if (change < 0) return `▼${-change}`
  return '='
}

/** A change of rank in words: "ขึ้น 5 อันดับ" / "up 5". */
export function rankChangeWords(change: number | null): LocalizedText {
  if (change === null) return { th: 'ไม่มีอันดับเดือนก่อน', en: 'no rank last month' }
  if (change > 0) return { th: `ขึ้น ${change} อันดับ`, en: `up ${change}` }
  if (change < 0) return { th: `ลง ${-change} อันดับ`, en: `down ${-change}` }
  return { th: 'อันดับเท่าเดิม', en: 'unchanged' }
}

/** A rank with its change, mark and words: "65 ▲5 (ขึ้น 5 อันดับ / up 5)". */
export function rankWithChange(rank: number | null, change: number | null): string {
  if (rank === null) return bilingual({ th: 'ยังไม่มีอันดับ', en: 'not ranked' })
  return `${rank} ${rankChangeMark(change)} (${bilingual(rankChangeWords(change))})`
}

// Made when first needed: the dashboard loads this module for its labels and never formats a percentage here.
let percentFormat: Intl.NumberFormat | undefined
/** A percentage with one decimal and thousands separators: "1,606.4%". */
export function percentText(n: number): string {
  percentFormat ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
  return `${percentFormat.format(n)}%`
}

// Excel refuses these in a sheet name, and names longer than 31 characters.
const SHEET_FORBIDDEN = /[[\]:*?/\\]/
export const SHEET_NAME_MAX = 31

/** An xlsx sheet name, Thai with English in parentheses; throws when Excel would refuse it. */
export function sheetName(th: string, en: string): string {
  const name = `${th} (${en})`
  if (SHEET_FORBIDDEN.test(name)) throw new Error(`sheet name "${name}" holds a character Excel forbids`)
  if (name.length > SHEET_NAME_MAX || name.trim() !== name || name.startsWith("'")) {
    throw new Error(`sheet name "${name}" is longer than ${SHEET_NAME_MAX} characters or badly trimmed`)
  }
  return name
}
