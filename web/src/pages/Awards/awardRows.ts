import type { AwardCategoryView } from '../../../../shared/api.js'
import type { LocalizedText } from '../../../../shared/catalog.js'
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
  awarded: boolean
  tiedAtCutoff: boolean
  /** The first entry below the cut-off: the line between awarded and not is drawn above it. */
  firstBelowCutoff: boolean
}

/** The rows of a category's standings, with names looked up in `names` (agency and dataset ids alike). */
export function awardRows(
  category: AwardCategoryView,
  names: ReadonlyMap<string, LocalizedText>,
  lang: Locale,
): AwardRow[] {
  const nameOf = (id: string) => names.get(id)?.[lang] ?? id
  let seenAwarded = false
  let cutoffDrawn = false
  return category.standings.map((s) => {
    const id = s.datasetId ?? s.agencyId
    const firstBelowCutoff = !s.awarded && seenAwarded && !cutoffDrawn
    if (s.awarded) seenAwarded = true
    if (firstBelowCutoff) cutoffDrawn = true
    return {
      key: id,
      rank: s.rank,
      name: nameOf(id),
      ...(s.datasetId ? { agency: nameOf(s.agencyId) } : {}),
      downloads: s.downloads,
      awarded: s.awarded,
      tiedAtCutoff: s.tiedAtCutoff,
      firstBelowCutoff,
    }
  })
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
