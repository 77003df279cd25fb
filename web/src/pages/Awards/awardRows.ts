import type { AwardCategoryView } from '../../../../shared/api.js'
import type { LocalizedText } from '../../../../shared/catalog.js'
import { rankGaps } from '../../../../shared/own-entries.js'
import type { ReviewState } from '../../../../shared/reviews.js'
import type { Locale } from '../../../../shared/time.js'
import { type MessageKey, translate } from '../../i18n/index.js'

/** One line of an award category's standings, ready to show. */
export interface AwardRow {
  key: string
  rank: number
  /** The agency's name or the dataset's title in the reader's language (the id when the name is unknown). */
  name: string
  /** For a dataset: its agency's name. */
  agency?: string
  downloads: number
  /** The count the award ranks by, when a review discount made it differ from `downloads`. */
  awardCount?: number
  /** DGA's integrity review decision, shown as a badge. */
  review?: ReviewState
  awarded: boolean
  tiedAtCutoff: boolean
  /** The first entry below the cut-off: the line between awarded and not is drawn above it. */
  firstBelowCutoff: boolean
  /** The signed-in executive's own agency, or one of its datasets: highlighted. */
  own: boolean
  /** Ranked past the rows above it (the standings stop earlier): a gap row ("…") is drawn above it. */
  gapBefore: boolean
}

/**
 * The rows of a category's standings, with names looked up in `names` (agency and dataset ids alike); the
 * entries of `ownAgencyIds` are marked as the reader's own, and the caller's own entries ranked past the
 * standings (`own`) follow them. A gap row ("…") is drawn above any row ranked past the one before it with
 * entries left out between: the executive's own entry, or an entry DGA reviewed that a discount moved down.
 */
export function awardRows(
  category: AwardCategoryView,
  names: ReadonlyMap<string, LocalizedText>,
  lang: Locale,
  ownAgencyIds: readonly string[] = [],
): AwardRow[] {
  const shown = standingRows(category, names, lang).map((row, i) => ({
    ...row,
    own: ownAgencyIds.includes(category.standings[i]?.agencyId as string),
  }))
  const beyond = (category.own ?? []).map((s) => ({ ...row(s, names, lang, false), own: true }))
  const rows = [...shown, ...beyond]
  const gaps = rankGaps(rows)
  return rows.map((r, i) => ({ ...r, gapBefore: gaps[i] ?? false }))
}

/** What a standing shows, without the reader's own marks. */
type StandingRow = Omit<AwardRow, 'own' | 'gapBefore'>

function row(
  s: AwardCategoryView['standings'][number],
  names: ReadonlyMap<string, LocalizedText>,
  lang: Locale,
  firstBelowCutoff: boolean,
): StandingRow {
  const nameOf = (id: string) => names.get(id)?.[lang] ?? id
  const id = s.datasetId ?? s.agencyId
  return {
    key: id,
    rank: s.rank,
    name: nameOf(id),
    ...(s.datasetId ? { agency: nameOf(s.agencyId) } : {}),
    downloads: s.downloads,
    ...(s.awardCount === undefined ? {} : { awardCount: s.awardCount }),
    ...(s.review ? { review: s.review } : {}),
    awarded: s.awarded,
    tiedAtCutoff: s.tiedAtCutoff,
    firstBelowCutoff,
  }
}

/** The standings' rows, the cut-off line drawn above the first entry below it. */
function standingRows(
  category: AwardCategoryView,
  names: ReadonlyMap<string, LocalizedText>,
  lang: Locale,
): StandingRow[] {
  let seenAwarded = false
  let cutoffDrawn = false
  return category.standings.map((s) => {
    const firstBelowCutoff = !s.awarded && seenAwarded && !cutoffDrawn
    if (s.awarded) seenAwarded = true
    if (firstBelowCutoff) cutoffDrawn = true
    return row(s, names, lang, firstBelowCutoff)
  })
}

/**
 * A row's status in words: provisional while the fiscal year runs ("in an award place now"), final once it is
 * over ("awarded").
 */
export function standingStatus(awarded: boolean, provisional: boolean): MessageKey {
  if (provisional) return awarded ? 'awardsInPlaceNow' : 'awardsOutsideNow'
  return awarded ? 'awarded' : 'awardsNotAwarded'
}

const TITLES: Record<string, MessageKey> = {
  'agency-plaque': 'agencyPlaque',
  'dataset-certificate': 'datasetCertificate',
}

/** A category's title: the programme's two named categories translated, any other by its id. */
export function categoryTitle(category: Pick<AwardCategoryView, 'id'>, lang: Locale): string {
  const key = TITLES[category.id]
  return key ? translate(lang, key) : category.id
}

const REVIEW_BADGES: Record<ReviewState['decision'], MessageKey> = {
  cleared: 'reviewBadgeCleared',
  discount: 'reviewBadgeDiscount',
  disqualified: 'reviewBadgeDisqualified',
}

/** The badge of an entry's review state. */
export const reviewBadge = (review: ReviewState): MessageKey => REVIEW_BADGES[review.decision]
