import type { AgencyActionsResponse, DatasetAction } from '../../shared/api.js'
import { clock } from '../clock.js'
import { config } from '../config.js'
import { fiscalYearStandings } from './awards.js'
import type { Versions } from './cache.js'
import { catalog, knownAgency } from './catalog.js'
import { categoryProjection, earlierYears, elapsedMonths } from './outlook.js'
import { describePeriod, rankedAgencies, rankedDatasets } from './rankings.js'

/** The datasets past the last certificate place an agency is shown: its closest chances. */
const NEAREST = 5
/** Datasets without a download this year listed by name (the count says how many in all). */
const NO_DOWNLOADS_LISTED = 20
/** Peers of the same award group shown on each side of the agency. */
const PEERS_EACH_SIDE = 4
/** Where dataset pages are when no CKAN portal is configured: the national portal. */
const NATIONAL_PORTAL = 'https://data.go.th'

/** A dataset's page on the portal it was synced from (CKAN: `/dataset/<name>`). */
export function datasetPageUrl(portal: string, slug: string): string {
  return `${portal.replace(/\/+$/, '')}/dataset/${encodeURIComponent(slug)}`
}

/**
 * What an agency can act on in a fiscal year: its datasets closest to the dataset-certificate cut-off (and how
 * far), its datasets without a download this year, and its peers of the same award group with their ranks.
 */
export async function agencyActions(
  versions: Versions,
  agencyId: string,
  fy: number,
  now = clock.now(),
): Promise<AgencyActionsResponse> {
  const agency = await knownAgency(agencyId)
  const period = { fy }
  const [cat, agencies, datasets, standings, earlier] = await Promise.all([
    catalog(),
    rankedAgencies(versions, period, now),
    rankedDatasets(versions, period, now),
    fiscalYearStandings(versions, fy, now),
    earlierYears(versions, fy),
  ])
  const portal = config().ckanUrl ?? NATIONAL_PORTAL
  const url = (datasetId: string) => {
    const slug = cat.datasets.get(datasetId)?.slug
    return slug ? datasetPageUrl(portal, slug) : undefined
  }
  const own = datasets.positionsOf([agencyId]).map(datasets.item)

  const category = standings.categories.find((c) => c.subject === 'dataset')
  let certificate: AgencyActionsResponse['certificate'] = null
  if (category) {
    const awarded = new Set(category.standings.filter((s) => s.awarded).map((s) => s.id))
    const unique = category.metric === 'uniqueDownloads'
    // The count the certificate ranks by: a review discount leaves the named days out (as the standings do).
    const value = (d: (typeof own)[number]) => {
      const counted = unique ? d.uniqueDownloads : d.downloads
      if (standings.reviews.get(d.datasetId)?.decision !== 'discount') return counted
      const off = standings.discounted.get(d.datasetId)
      return Math.max(0, counted - (unique ? (off?.uniqueDownloads ?? 0) : (off?.downloads ?? 0)))
    }
    const withDownloads = own.filter((d) => value(d) > 0)
    const inPlace = withDownloads.filter((d) => awarded.has(d.datasetId))
    const nearest = withDownloads.filter((d) => !awarded.has(d.datasetId)).slice(0, NEAREST)
    const item = (d: (typeof own)[number]): DatasetAction => {
      const link = url(d.datasetId)
      return {
        datasetId: d.datasetId,
        title: d.title,
        rank: d.rank,
        downloads: value(d),
        awarded: awarded.has(d.datasetId),
        gapToCutoff: category.cutoff === null ? null : Math.max(0, category.cutoff - value(d)),
        ...(link ? { url: link } : {}),
      }
    }
    const projected = categoryProjection(category, elapsedMonths(fy, now), earlier)
    certificate = {
      categoryId: category.id,
      places: category.places,
      metric: category.metric,
      cutoff: category.cutoff,
      projectedCutoff: projected ?? null,
      datasets: [...inPlace, ...nearest].map(item),
    }
  }

  const silent = own.filter((d) => d.downloads === 0)
  const groupOf = (id: string) => cat.agencies.get(id)?.group
  const group = agencies.filter((a) => groupOf(a.agencyId) === agency.group)
  const at = group.findIndex((a) => a.agencyId === agencyId)
  const from = Math.max(0, at - PEERS_EACH_SIDE)
  const shown = at < 0 ? group.slice(0, PEERS_EACH_SIDE * 2) : group.slice(from, at + PEERS_EACH_SIDE + 1)
  const peers = shown.map((a) => ({
    agencyId: a.agencyId,
    name: a.name,
    rank: a.rank,
    // Competition ranking within the group: equal downloads share the place of the first of them.
    groupRank: group.findIndex((g) => g.downloads === a.downloads) + 1,
    downloads: a.downloads,
    ...(a.agencyId === agencyId ? { self: true as const } : {}),
  }))

  return {
    agencyId,
    fy,
    period: describePeriod(period, now),
    certificate,
    noDownloads: {
      total: silent.length,
      datasets: silent.slice(0, NO_DOWNLOADS_LISTED).map((d) => {
        const link = url(d.datasetId)
        return { datasetId: d.datasetId, title: d.title, ...(link ? { url: link } : {}) }
      }),
    },
    peers: { group: agency.group, size: group.length, agencies: peers },
  }
}
