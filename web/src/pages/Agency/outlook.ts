import type { PerformanceResponse } from '../../../../shared/api.js'
import type { OutlookStatus } from '../../../../shared/outlook.js'
import { outlookSentence } from '../../../../shared/outlook-text.js'
import type { Locale } from '../../../../shared/time.js'

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
 * The outlook headline of the agency page: its sentence (`outlookSentence`, the same words as the email and the
 * PDF) and its status colour. Undefined for an answer without an outlook (an older server).
 */
export function outlookHeadline(
  p: PerformanceResponse,
  lang: Locale,
): { text: string; tone: OutlookTone; status: OutlookStatus } | undefined {
  const text = outlookSentence(p, lang)
  if (!p.outlook || text === undefined) return undefined
  return { text, tone: TONE[p.outlook.status], status: p.outlook.status }
}
