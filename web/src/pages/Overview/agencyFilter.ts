import type { LocalizedText } from '../../../../shared/catalog.js'
import type { Locale } from '../../../../shared/time.js'
import { type OverviewKey, overviewText } from './messages.js'

/** How the overview's search and award-group filter choose agencies. */

/** Text as the search compares it: composed (NFC), lower case, Latin accents and all spaces (and zero-width ones) gone. */
export function searchForm(text: string): string {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      // Latin letters lose their accents (é → e); Thai vowels and tone marks are part of the word and stay.
      .replace(/[A-Za-zÀ-ɏ][\u0300-\u036f]*/g, (ch) => ch.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
      .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
  )
}

/**
 * Whether an agency's Thai or English name matches a search: every word of the search (split at spaces) is found
 * in one of the names, spaces ignored, so "กรม ที่ดิน" finds กรมที่ดิน and "lands dep" finds "Department of Lands".
 * An empty search matches every agency.
 */
export function matchesName(query: string, name: LocalizedText): boolean {
  const words = query
    .normalize('NFC')
    .split(/[\s\u200b]+/)
    .map(searchForm)
    .filter((w) => w !== '')
  if (words.length === 0) return true
  const names = [searchForm(name.th), searchForm(name.en)]
  return words.every((w) => names.some((n) => n.includes(w)))
}

/** What the reader filters by: a search and an award group ('' for every group). */
export interface AgencyFilter {
  query: string
  group: string
}

/** The entries whose agency passes the filter, in their order; `agencyOf` finds an entry's agency. */
export function filterByAgency<T, A extends { name: LocalizedText; group: string }>(
  entries: readonly T[],
  filter: AgencyFilter,
  agencyOf: (entry: T) => A | undefined,
): T[] {
  return entries.filter((entry) => {
    const agency = agencyOf(entry)
    if (!agency) return filter.query === '' && filter.group === ''
    return (filter.group === '' || agency.group === filter.group) && matchesName(filter.query, agency.name)
  })
}

const GROUPS: Record<string, OverviewKey> = {
  department: 'groupDepartment',
  office: 'groupOffice',
  independent: 'groupIndependent',
  'public-organization': 'groupPublicOrganization',
  provincial: 'groupProvincial',
  'local-government': 'groupLocalGovernment',
  ministry: 'groupMinistry',
  'state-enterprise': 'groupStateEnterprise',
}

/** An award group as a person reads it; a group the dashboard has no words for by its id. */
export function groupLabel(group: string, lang: Locale): string {
  const key = GROUPS[group]
  return key ? overviewText(lang, key) : group
}

/** The award groups of the agencies, each once, in the order of their labels in the reader's language. */
export function groupsOf(
  agencies: readonly { group: string }[],
  lang: Locale,
): { group: string; label: string }[] {
  const groups = [...new Set(agencies.map((a) => a.group).filter((g) => g !== ''))]
  const collator = new Intl.Collator(lang === 'th' ? 'th' : 'en')
  return groups
    .map((group) => ({ group, label: groupLabel(group, lang) }))
    .sort((a, b) => collator.compare(a.label, b.label))
}
