import type { PerformanceResponse } from '../../../../shared/api.js'
import type { OutlookStatus } from '../../../../shared/outlook.js'
import type { Locale } from '../../../../shared/time.js'
import { formatNumber } from '../../i18n/format.js'

/** What the status says, provisional while the year runs and final after: Thai and English. */
const STATUS: Record<OutlookStatus, Record<Locale, string>> = {
  in_place: { th: 'อยู่ในอันดับที่ได้รางวัลขณะนี้', en: 'In an award place now' },
  near: { th: 'ใกล้เกณฑ์รางวัล', en: 'Near the award cut-off' },
  behind: { th: 'ตามหลังเกณฑ์รางวัล', en: 'Behind the award cut-off' },
  awarded: { th: 'ได้รับรางวัล', en: 'Awarded' },
  not_awarded: { th: 'ไม่ได้รับรางวัล', en: 'Not awarded' },
}

/** The colour of a status: good, watch, act. */
export type OutlookTone = 'good' | 'watch' | 'act'
const TONE: Record<OutlookStatus, OutlookTone> = {
  in_place: 'good',
  awarded: 'good',
  near: 'watch',
  behind: 'act',
  not_awarded: 'act',
}

/**
 * The outlook in one sentence an executive reads in ten seconds: the status, the rank, the distance to the
 * cut-off, the projected year-end cut-off and what is needed per month to reach it (e.g. "ตามหลังเกณฑ์รางวัล ·
 * อันดับ 11 · ต่ำกว่าเกณฑ์ 61 · คาดว่าเกณฑ์สิ้นปี ≈ 1,900 · ต้องได้ ~170 ครั้ง/เดือน"). Undefined for an answer without an
 * outlook (an older server).
 */
export function outlookHeadline(
  p: PerformanceResponse,
  lang: Locale,
): { text: string; tone: OutlookTone; status: OutlookStatus } | undefined {
  const o = p.outlook
  if (!o) return undefined
  const n = (v: number) => formatNumber(v, lang)
  const th = lang === 'th'
  const parts = [STATUS[o.status][lang]]
  if (p.rank !== null) parts.push(th ? `อันดับ ${n(p.rank)}` : `rank ${n(p.rank)}`)
  const gap = p.gapToCutoff
  if (gap !== null && gap > 0) parts.push(th ? `ต่ำกว่าเกณฑ์ ${n(gap)}` : `${n(gap)} below the cut-off`)
  if (o.provisional && o.projectedCutoff) {
    parts.push(
      th ? `คาดว่าเกณฑ์สิ้นปี ≈ ${n(o.projectedCutoff.mid)}` : `year-end cut-off ≈ ${n(o.projectedCutoff.mid)}`,
    )
    if (o.neededPerMonth !== null && o.neededPerMonth > 0) {
      parts.push(th ? `ต้องได้ ~${n(o.neededPerMonth)} ครั้ง/เดือน` : `needs ~${n(o.neededPerMonth)} a month`)
    }
  }
  return { text: parts.join(' · '), tone: TONE[o.status], status: o.status }
}
