import type { PerformanceResponse } from '../../../../shared/api.js'
import type { OutlookStatus } from '../../../../shared/outlook.js'
import { outlookSentence } from '../../../../shared/outlook-text.js'
import type { Locale } from '../../../../shared/time.js'
import { translate } from '../../i18n/index.js'

/** The colour of a status: good, watch, act. */
export type OutlookTone = 'good' | 'watch' | 'act'
/** The status chip's look of each tone (its icon and colour; the words say the status). */
export const CHIP: Record<OutlookTone, 'good' | 'warn' | 'bad'> = { good: 'good', watch: 'warn', act: 'bad' }
const TONE: Record<OutlookStatus, OutlookTone> = {
  in_place: 'good',
  awarded: 'good',
  near: 'watch',
  behind: 'act',
  not_awarded: 'act',
}

/**
 * The outlook headline of the agency page: its sentence (`outlookSentence`, the same words as the email and the
 * PDF), its status colour and the status in a word or two for its chip. Undefined for an answer without an
 * outlook (an older server).
 */
export function outlookHeadline(
  p: PerformanceResponse,
  lang: Locale,
): { text: string; tone: OutlookTone; status: OutlookStatus; label: string } | undefined {
  const text = outlookSentence(p, lang)
  if (!p.outlook || text === undefined) return undefined
  const status = p.outlook.status
  return { text, tone: TONE[status], status, label: translate(lang, `outlookChip_${status}`) }
}
