import type { PerformanceResponse } from '../../../../shared/api.js'
import type { Locale } from '../../../../shared/time.js'
import { formatNumber, formatPercent, formatRankChange } from '../../i18n/format.js'
import { type MessageKey, translate } from '../../i18n/index.js'

/** good: at or above what the award needs; warn: below it; neutral: nothing to judge. */
export type Tone = 'good' | 'warn' | 'neutral'

/** One headline figure of an agency's performance, ready to show. */
export interface HeadlineCard {
  id: 'downloads' | 'targetPercent' | 'rank' | 'gap' | 'projection' | 'needed'
  label: string
  value: string
  detail: string
  tone: Tone
  /** The tone in words, shown as a status chip (icon and text) whenever the tone is not neutral. */
  status?: string
}

/** What says where a target comes from; report files older than the outlook say `set` or `cutoff`. */
export function targetSourceKey(source: string): MessageKey {
  return source === 'dga' || source === 'set'
    ? 'targetIsDga'
    : source === 'cutoff'
      ? 'targetIsCutoff'
      : 'targetIsProjected'
}

/** The six headline cards of an agency's fiscal year, in the reader's language. */
export function headlineCards(p: PerformanceResponse, lang: Locale): HeadlineCard[] {
  const m = (key: MessageKey) => translate(lang, key)
  const n = (value: number) => formatNumber(value, lang)
  const metTarget = p.downloads >= p.target
  return [
    {
      id: 'downloads',
      label: m('downloadsThisYear'),
      value: n(p.downloads),
      // A review discount: the count the award ranks by, beside the counted downloads.
      detail:
        p.awardCount === undefined
          ? `${n(p.uniqueDownloads)} ${m('uniqueShort')}`
          : `${m('awardCount')} ${n(p.awardCount)} · ${n(p.uniqueDownloads)} ${m('uniqueShort')}`,
      tone: 'neutral',
    },
    {
      id: 'targetPercent',
      label: m('ofTarget'),
      value: formatPercent(p.targetPercent, lang),
      detail: `${m('target')} ${n(p.target)} (${m(targetSourceKey(p.targetSource))})`,
      tone: metTarget ? 'good' : 'warn',
      status: m(metTarget ? 'chipTargetMet' : 'chipTargetNotMet'),
    },
    {
      id: 'rank',
      label: m('rankNational'),
      value: p.rank === null ? '–' : n(p.rank),
      detail: p.rank === null ? m('noRank') : `${formatRankChange(p.rankChange)} ${m('sinceLastMonth')}`,
      tone: p.rankChange === null || p.rankChange === 0 ? 'neutral' : p.rankChange > 0 ? 'good' : 'warn',
      ...(p.rankChange ? { status: m(p.rankChange > 0 ? 'chipRankUp' : 'chipRankDown') } : {}),
    },
    {
      id: 'gap',
      label: m('gapToCutoff'),
      value: p.gapToCutoff === null ? '–' : n(p.gapToCutoff),
      detail:
        p.cutoff === null
          ? m('noCutoff')
          : `${p.gapToCutoff === 0 ? `${m('atCutoff')} · ` : ''}${m('cutoff')} ${n(p.cutoff)}`,
      tone: p.gapToCutoff === null ? 'neutral' : p.gapToCutoff === 0 ? 'good' : 'warn',
      ...(p.gapToCutoff === null
        ? {}
        : { status: m(p.gapToCutoff === 0 ? 'chipAtCutoff' : 'chipBelowCutoff') }),
    },
    {
      id: 'projection',
      label: m('projection'),
      value: n(p.projection),
      detail: p.projection >= p.target ? m('onTrack') : m('offTrack'),
      tone: p.projection >= p.target ? 'good' : 'warn',
      status: m(p.projection >= p.target ? 'chipOnTrack' : 'chipOffTrack'),
    },
    {
      id: 'needed',
      label: m('neededPerMonth'),
      value: p.neededPerMonth === null ? '–' : n(p.neededPerMonth),
      detail:
        p.neededPerMonth === null
          ? m('targetMissed')
          : metTarget
            ? m('targetMet')
            : `${n(p.remainingMonths)} ${m('monthsLeft')}`,
      tone: p.neededPerMonth === null ? 'warn' : metTarget ? 'good' : 'neutral',
      ...(p.neededPerMonth === null
        ? { status: m('chipTargetMissed') }
        : metTarget
          ? { status: m('chipTargetMet') }
          : {}),
    },
  ]
}
