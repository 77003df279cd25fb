import type { AgencyRankingItem, PeriodInfo } from '../../../../shared/api.js'
import { type RankedPeriod, rankComparison } from '../../../../shared/ranking-periods.js'
import { type Locale, monthLabel } from '../../../../shared/time.js'
import { translate } from '../../i18n/index.js'

/** How the rankings page reads a ranking: what its rank change compares with, and who is whose. */

/** The ranked period an answer describes. */
export function rankedPeriodOf(info: PeriodInfo): RankedPeriod {
  if (info.month !== undefined) return { month: info.month }
  return info.through === undefined
    ? { fy: info.fy as number }
    : { fy: info.fy as number, through: info.through }
}

/**
 * What a ranking's rank change is measured against, in words, and whether there is a change to show: the
 * API's own rule (`rankComparison`) applied to the answer's period as far as its data reaches.
 */
export function rankChangeNote(info: PeriodInfo, lang: Locale): { comparable: boolean; text: string } {
  const period = rankedPeriodOf(info)
  const comparison = rankComparison(period, Date.parse(info.dataUpTo))
  if (comparison === null) {
    const why = 'month' in period ? 'rankingChangeNoneMonth' : 'rankingChangeNoneFirstMonth'
    return { comparable: false, text: translate(lang, why) }
  }
  const against =
    'month' in comparison
      ? monthLabel(comparison.month, lang)
      : `${translate(lang, 'rankingChangeEndOf')}${lang === 'th' ? '' : ' '}${monthLabel(comparison.through, lang)}`
  return { comparable: true, text: `${translate(lang, 'rankingChangeAgainst')} ${against}` }
}

/** The rank as the page shows it: "no downloads yet" for an entry tied at zero, which holds no rank. */
export function rankText(item: Pick<AgencyRankingItem, 'rank' | 'downloads'>, lang: Locale): string {
  return item.downloads > 0 ? String(item.rank) : translate(lang, 'rankingNoDownloadsYet')
}

/** The entries of the signed-in executive's own agencies, in rank order. */
export function ownItems<T extends { agencyId: string }>(
  items: readonly T[],
  ownAgencyIds: readonly string[],
): T[] {
  return items.filter((i) => ownAgencyIds.includes(i.agencyId))
}
