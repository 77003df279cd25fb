import type { AwardCategoryView, AwardStandingView, AwardsResponse } from '../../shared/api.js'
import { awardStandings, type CategoryStandings, type Contender } from '../../shared/awards.js'
import type { Principal } from '../auth/principal.js'
import { clock } from '../clock.js'
import { memoize, type Versions } from './cache.js'
import { catalog } from './catalog.js'
import { categoryProjection, earlierYears, elapsedMonths } from './outlook.js'
import { programmeOf } from './programme.js'
import { describePeriod, rankedAgencies, rankedDatasets, rankingStamp } from './rankings.js'

/**
 * Standings of every category of a fiscal year's programme on its counts so far (or up to the month
 * `through`), cached per version.
 */
export async function fiscalYearStandings(versions: Versions, fy: number, now: number, through?: string) {
  const { programme, stored } = await programmeOf(versions, fy)
  const cat = await catalog()
  const period = through === undefined ? { fy } : { fy, through }
  const [agencies, datasets] = await Promise.all([
    rankedAgencies(versions, period, now),
    rankedDatasets(versions, period, now),
  ])
  const stamp = `${rankingStamp(versions, period)}|${cat.fingerprint}|${stored?.setAt ?? 'default'}`
  const categories = await memoize(`awards|${fy}|${through ?? ''}`, stamp, async () => {
    const agencyContenders: Contender[] = agencies.map((a) => ({
      id: a.agencyId,
      agencyId: a.agencyId,
      group: cat.agencies.get(a.agencyId)?.group,
      name: a.name.th,
      downloads: a.downloads,
      uniqueDownloads: a.uniqueDownloads,
    }))
    const datasetContenders: Contender[] = datasets.items.map((d) => ({
      id: d.datasetId,
      agencyId: d.agencyId,
      name: d.title.th,
      downloads: d.downloads,
      uniqueDownloads: d.uniqueDownloads,
    }))
    return programme.categories.map((c) =>
      shortlist(awardStandings(c, c.subject === 'agency' ? agencyContenders : datasetContenders)),
    )
  })
  return { programme, stored, categories }
}

/** Every awarded entry and the runners-up ranked within twice the places: the contest near the cut-off. */
function shortlist(category: CategoryStandings): CategoryStandings {
  const window = category.places * 2
  return { ...category, standings: category.standings.filter((s) => s.awarded || s.rank <= window) }
}

/** What a category shows a caller: an agency executive sees only their own agencies' datasets. */
function view(category: CategoryStandings, principal: Principal): AwardCategoryView {
  const ownOnly = category.subject === 'dataset' && principal.role === 'agency_exec'
  const standings = category.standings
    .filter((s) => !ownOnly || principal.agencyIds.includes(s.agencyId))
    .map(
      (s): AwardStandingView => ({
        rank: s.rank,
        ...(category.subject === 'agency' ? { agencyId: s.id } : { datasetId: s.id, agencyId: s.agencyId }),
        downloads: s.downloads,
        uniqueDownloads: s.uniqueDownloads,
        awarded: s.awarded,
        tiedAtCutoff: s.tiedAtCutoff,
      }),
    )
  const { standings: _all, ...rest } = category
  return { ...rest, standings }
}

/** The `GET /v1/awards` response for a fiscal year (to date: up to the month `through`). */
export async function awards(
  versions: Versions,
  fy: number,
  principal: Principal,
  now = clock.now(),
  through?: string,
) {
  const { stored, categories } = await fiscalYearStandings(versions, fy, now, through)
  const period = describePeriod(through === undefined ? { fy } : { fy, through }, now)
  const noData = categories.every((c) => c.standings.every((s) => s.downloads === 0))
  const elapsed = elapsedMonths(fy, now, through)
  const shape = noData ? [] : await earlierYears(versions, fy)
  const response: AwardsResponse = {
    fy,
    period,
    programme: stored ? { source: 'set', setBy: stored.setBy, setAt: stored.setAt } : { source: 'default' },
    // A year without downloads has no standings and no cut-off to show (everyone would tie at rank 1).
    categories: categories.map((c) => ({
      ...view(c, principal),
      ...(noData ? { standings: [], cutoff: null } : {}),
      projectedCutoff: noData ? null : (categoryProjection(c, elapsed, shape) ?? null),
    })),
    provisional: !period.complete,
    ...(noData ? { noData: true } : {}),
  }
  return response
}
