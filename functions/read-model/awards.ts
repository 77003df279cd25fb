import type { AwardCategoryView, AwardStandingView, AwardsResponse } from '../../shared/api.js'
import { type CountedOrder, shortlistFromOrder, shortlistOf } from '../../shared/award-shortlist.js'
import type { CategoryStandings, Contender, Standing } from '../../shared/awards.js'
import type { RankedCounts } from '../../shared/counting/period-counts.js'
import { ownEntriesBeyond } from '../../shared/own-entries.js'
import type { Principal } from '../auth/principal.js'
import { clock } from '../clock.js'
import { memoize, type Versions } from './cache.js'
import { catalog, catalogNameOrder } from './catalog.js'
import { categoryProjection, earlierYears, elapsedMonths } from './outlook.js'
import { programmeOf } from './programme.js'
import {
  type CountedDatasets,
  countedDatasets,
  describePeriod,
  rankedAgencies,
  rankingStamp,
} from './rankings.js'
import { reviewDecisions } from './review-decisions.js'

/** An executive's datasets past a dataset category's shortlist that the standings add: those nearest the top. */
const OWN_DATASETS_BEYOND = 5

/**
 * Standings of every category of a fiscal year's programme on its counts so far (or up to the month
 * `through`), cached per version: each category's shortlist, and (`beyond`, by category) each agency's entries
 * past it, so an executive's own agency and datasets can be shown however far down they rank.
 */
export function fiscalYearStandings(versions: Versions, fy: number, now: number, through?: string) {
  return standingsOf(versions, fy, now, through, 'all')
}

/**
 * The standings of the programme's agency categories alone (`categories` and `beyond` list only those): what an
 * executive's performance reads. Each category stands on its own subject's counts, so no dataset ranking (a
 * national fiscal year's 100,000 datasets and last month's, for a new process two snapshots) is built for it.
 */
export function agencyStandings(versions: Versions, fy: number, now: number, through?: string) {
  return standingsOf(versions, fy, now, through, 'agency')
}

async function standingsOf(
  versions: Versions,
  fy: number,
  now: number,
  through: string | undefined,
  subjects: 'all' | 'agency',
) {
  const period = through === undefined ? { fy } : { fy, through }
  // Everything asked for at once: a new process fetches the catalog, the counts, the programme and the
  // reviews side by side (each is cached on its own).
  const [{ programme, stored }, cat, agencies, datasets, reviewed] = await Promise.all([
    programmeOf(versions, fy),
    catalog(),
    rankedAgencies(versions, period, now),
    subjects === 'all' ? countedDatasets(versions, period) : undefined,
    reviewDecisions(versions, fy, through),
  ])
  const stamp = `${rankingStamp(versions, period)}|${cat.fingerprint}|${stored?.setAt ?? 'default'}|${reviewed.stamp}`
  const built = await memoize(`awards|${fy}|${through ?? ''}|${subjects}`, stamp, async () => {
    const agencyContenders: Contender[] = agencies.map((a) => ({
      id: a.agencyId,
      agencyId: a.agencyId,
      group: cat.agencies.get(a.agencyId)?.group,
      name: a.name.th,
      downloads: a.downloads,
      uniqueDownloads: a.uniqueDownloads,
    }))
    // The national dataset ranking in its counted order: a category's contenders built only where looked at.
    const datasetOrder = (datasets: CountedDatasets): CountedOrder => ({
      size: datasets.ranked.length,
      id: (k) => (datasets.ranked[k] as RankedCounts).id,
      downloads: (k) => (datasets.ranked[k] as RankedCounts).counts.downloads,
      contender: (k) => {
        const d = datasets.ranked[k] as RankedCounts
        return {
          id: d.id,
          agencyId: datasets.agencyAt(k),
          name: cat.datasets.get(d.id)?.title.th ?? d.id,
          downloads: d.counts.downloads,
          uniqueDownloads: d.counts.uniqueDownloads,
        }
      },
      agencyAt: datasets.agencyAt,
    })
    const shown = programme.categories.flatMap((c) => {
      if (c.subject === 'agency') {
        return [shortlistOf(c, agencyContenders, reviewed, 1, catalogNameOrder(cat, 'agencies'))]
      }
      if (!datasets) return []
      return [
        shortlistFromOrder(
          c,
          datasetOrder(datasets),
          reviewed,
          OWN_DATASETS_BEYOND,
          catalogNameOrder(cat, 'datasets'),
        ),
      ]
    })
    return { categories: shown.map((c) => c.category), beyond: shown.map((c) => c.beyond) }
  })
  return { programme, stored, ...built, reviews: reviewed.reviews, discounted: reviewed.discounted }
}

/** One standing as the API shows it. */
const standingView = (subject: CategoryStandings['subject'], s: Standing): AwardStandingView => ({
  rank: s.rank,
  ...(subject === 'agency' ? { agencyId: s.id } : { datasetId: s.id, agencyId: s.agencyId }),
  downloads: s.downloads,
  uniqueDownloads: s.uniqueDownloads,
  awarded: s.awarded,
  tiedAtCutoff: s.tiedAtCutoff,
  ...(s.awardCount === undefined ? {} : { awardCount: s.awardCount }),
  ...(s.review ? { review: s.review } : {}),
})

/**
 * What a category shows a caller: an agency executive sees only their own agencies' datasets, and (`own`) their
 * own agencies' entries ranked past the shortlist.
 */
function view(
  category: CategoryStandings,
  beyond: ReadonlyMap<string, readonly Standing[]>,
  principal: Principal,
): AwardCategoryView {
  const exec = principal.role === 'agency_exec'
  const ownOnly = category.subject === 'dataset' && exec
  const standings = category.standings
    .filter((s) => !ownOnly || principal.agencyIds.includes(s.agencyId))
    .map((s) => standingView(category.subject, s))
  const own = exec ? ownEntriesBeyond(beyond, principal.agencyIds) : []
  const { standings: _all, ...rest } = category
  return {
    ...rest,
    standings,
    ...(own.length ? { own: own.map((s) => standingView(category.subject, s)) } : {}),
  }
}

/** The `GET /v1/awards` response for a fiscal year (to date: up to the month `through`). */
export async function awards(
  versions: Versions,
  fy: number,
  principal: Principal,
  now = clock.now(),
  through?: string,
) {
  const { stored, categories, beyond } = await fiscalYearStandings(versions, fy, now, through)
  const period = describePeriod(through === undefined ? { fy } : { fy, through }, now)
  const noData = categories.every((c) => c.standings.every((s) => s.downloads === 0))
  const elapsed = elapsedMonths(fy, now, through)
  const shape = noData ? [] : await earlierYears(versions, fy)
  const response: AwardsResponse = {
    fy,
    period,
    programme: stored ? { source: 'set', setBy: stored.setBy, setAt: stored.setAt } : { source: 'default' },
    // A year without downloads has no standings and no cut-off to show (everyone would tie at rank 1).
    categories: categories.map((c, i) => ({
      ...view(c, beyond[i] ?? new Map(), principal),
      ...(noData ? { standings: [], own: undefined, cutoff: null } : {}),
      projectedCutoff: noData ? null : (categoryProjection(c, elapsed, shape) ?? null),
      ...(c.groups
        ? {
            groups: c.groups.map((g) => ({
              ...g,
              projectedCutoff: noData ? null : (categoryProjection(c, elapsed, shape, g.group) ?? null),
            })),
          }
        : {}),
    })),
    provisional: !period.complete,
    ...(noData ? { noData: true } : {}),
  }
  return response
}
