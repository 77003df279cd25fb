import type { LocalizedText } from './catalog.js'
import type { OutlookStatus, ProjectedCutoff } from './outlook.js'
import type { Locale } from './time.js'

/** What a status says: provisional while the year runs ("in an award place now"), final after it ends. */
export const OUTLOOK_STATUS: Record<OutlookStatus, LocalizedText> = {
  in_place: { th: 'อยู่ในอันดับที่ได้รางวัลขณะนี้', en: 'In an award place now' },
  near: { th: 'ทันเกณฑ์รางวัลตามเป้า', en: 'On pace for the award cut-off' },
  behind: { th: 'ตามหลังเกณฑ์รางวัล', en: 'Behind the award cut-off' },
  awarded: { th: 'ได้รับรางวัล', en: 'Awarded' },
  not_awarded: { th: 'ไม่ได้รับรางวัล', en: 'Not awarded' },
}

/** The figures an outlook sentence reads: the performance answer's, or a report's target row. */
export interface OutlookFigures {
  rank: number | null
  gapToCutoff: number | null
  outlook?:
    | {
        status: OutlookStatus
        provisional: boolean
        projectedCutoff: ProjectedCutoff | null
        neededPerMonth: number | null
      }
    | undefined
}

/**
 * The award outlook in one sentence an executive reads in ten seconds: the status, the rank, the distance to the
 * cut-off, the projected year-end cut-off and what is needed per month to reach it (e.g. "ตามหลังเกณฑ์รางวัล ·
 * อันดับ 11 · ต่ำกว่าเกณฑ์ 61 · คาดว่าเกณฑ์สิ้นปี ≈ 1,900 · ต้องได้ ~170 ครั้ง/เดือน"). The same words on the dashboard,
 * in the email and in the agency's PDF. Undefined without an outlook (a report written before it).
 */
export function outlookSentence(f: OutlookFigures, lang: Locale): string | undefined {
  const o = f.outlook
  if (!o) return undefined
  const format = new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 0 })
  const n = (v: number) => format.format(v)
  const th = lang === 'th'
  const parts = [OUTLOOK_STATUS[o.status][lang]]
  if (f.rank !== null) parts.push(th ? `อันดับ ${n(f.rank)}` : `rank ${n(f.rank)}`)
  if (f.gapToCutoff !== null && f.gapToCutoff > 0)
    parts.push(th ? `ต่ำกว่าเกณฑ์ ${n(f.gapToCutoff)}` : `${n(f.gapToCutoff)} below the cut-off`)
  if (o.provisional && o.projectedCutoff) {
    const mid = n(o.projectedCutoff.mid)
    parts.push(th ? `คาดว่าเกณฑ์สิ้นปี ≈ ${mid}` : `year-end cut-off ≈ ${mid}`)
    if (o.neededPerMonth !== null && o.neededPerMonth > 0) {
      const needed = n(o.neededPerMonth)
      parts.push(th ? `ต้องได้ ~${needed} ครั้ง/เดือน` : `needs ~${needed} a month`)
    }
  }
  return parts.join(' · ')
}
