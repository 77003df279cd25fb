import type { LocalizedText } from './catalog.js'
import type { ReviewDecision, ReviewState } from './reviews.js'
import type { Locale } from './time.js'

/**
 * DGA's review state in words: the badge every listing shows (dashboard, reports, emails alike) and the one
 * plain-language sentence an agency's executives read about their own agency (its page, its email, its PDF).
 */

/** The badge of a review decision: the same words on the dashboard, in the reports and in the emails. */
export const REVIEW_BADGE: Record<ReviewDecision, LocalizedText> = {
  cleared: { th: 'ตรวจแล้ว: ปกติ', en: 'Reviewed: cleared' },
  discount: { th: 'ตรวจแล้ว: หักยอด', en: 'Reviewed: discounted' },
  disqualified: { th: 'ตัดสิทธิ์', en: 'Disqualified' },
}

/** A review code (`discount`) as a badge; an unknown code is shown as it is. */
export const reviewBadgeText = (code: string): LocalizedText =>
  REVIEW_BADGE[code as ReviewDecision] ?? { th: code, en: code }

/** What a review sentence reads: the decision, and the counted downloads and award count of the year. */
export interface ReviewFigures {
  review: Pick<ReviewState, 'decision' | 'discounted'> & {
    days?: readonly string[]
    months?: readonly string[]
  }
  /** Downloads counted in the fiscal year (to date). */
  downloads: number
  /** The count the award ranks by, when a discount makes it differ. */
  awardCount?: number | undefined
}

/**
 * The review of an agency in one plain sentence, no jargon: what DGA decided and what it means for the award
 * (e.g. "DGA reviewed the agency's downloads and leaves 5,210 downloads of 8 days out of the count that decides
 * the award: 3,120 of the 8,330 counted."). DGA's own reason is shown beside it, as DGA wrote it.
 */
export function reviewSentence(f: ReviewFigures, lang: Locale): string {
  const format = new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 0 })
  const n = (v: number) => format.format(v)
  const th = lang === 'th'
  switch (f.review.decision) {
    case 'cleared':
      return th
        ? 'สพร. ตรวจสอบรูปแบบการดาวน์โหลดที่ผิดปกติของหน่วยงานแล้ว และนับยอดตามเดิมทั้งหมด'
        : "DGA reviewed the agency's unusual download pattern and counts all its downloads as they are."
    case 'disqualified':
      return th
        ? 'สพร. ตรวจสอบแล้วและตัดสิทธิ์หน่วยงานจากรางวัลของปีงบประมาณนี้: ยอดดาวน์โหลดยังแสดงตามที่นับได้ แต่ไม่ได้รับอันดับรางวัล'
        : "DGA reviewed the agency's downloads and disqualified it from this fiscal year's award: its downloads are still shown as counted, but it holds no award place."
    case 'discount': {
      const left = f.review.discounted ?? f.downloads - (f.awardCount ?? f.downloads)
      const award = f.awardCount ?? f.downloads - left
      const days = f.review.days?.length ?? 0
      const months = f.review.months?.length ?? 0
      const when = th
        ? days > 0
          ? ` ของ ${n(days)} วัน`
          : months > 0
            ? ` ของ ${n(months)} เดือน`
            : ''
        : days > 0
          ? ` of ${n(days)} ${days === 1 ? 'day' : 'days'}`
          : months > 0
            ? ` of ${n(months)} ${months === 1 ? 'month' : 'months'}`
            : ''
      return th
        ? `สพร. ตรวจสอบแล้วและไม่นับ ${n(left)} ดาวน์โหลดที่ผิดปกติ${when} ในยอดที่ใช้ตัดสินรางวัล: ใช้ ${n(award)} จากที่นับได้ ${n(f.downloads)}`
        : `DGA reviewed the agency's downloads and leaves ${n(left)} unusual downloads${when} out of the count that decides the award: ${n(award)} of the ${n(f.downloads)} counted.`
    }
  }
}
