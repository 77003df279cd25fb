import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { concentrationSignal, type IntegritySignal, type SpikeSignal } from '../../shared/integrity.js'
import {
  busiestDays,
  nearAward,
  REVIEW_MARGIN,
  type ReviewQueueItem,
  type ReviewsResponse,
} from '../../shared/reviews.js'
import { daysOfMonth } from '../../shared/time.js'
import { clock } from '../clock.js'
import { getCountsIn } from '../store/counts.js'
import { fiscalYearStandings } from './awards.js'
import { cachedPeriodCounts, type Versions } from './cache.js'
import { datasetSpikes, periodDays, spikes } from './integrity.js'

/** The days of the spiking months of a subject, busiest first, each marked when it stands out. */
async function spikeDaysOf(subject: 'agencies' | 'datasets', id: string, signals: readonly SpikeSignal[]) {
  const months = signals.filter((s) => s.warning).map((s) => s.evidence.month)
  const perMonth = await Promise.all(
    months.map(async (month) => {
      const days = daysOfMonth(month)
      const counts = await getCountsIn(
        subject,
        days.map((day) => ({ day })),
        [id],
      )
      return { month, days: days.map((day, i) => ({ day, downloads: counts[i]?.get(id)?.downloads ?? 0 })) }
    }),
  )
  return busiestDays(perMonth)
}

/**
 * The review queue of a fiscal year: every entry in or near an award place (awarded, ties included, or ranked
 * within places + REVIEW_MARGIN) with an integrity warning, with its evidence, and every entry already
 * decided on (so a decision can be seen and undone).
 */
export async function reviewQueue(
  versions: Versions,
  fy: number,
  now = clock.now(),
): Promise<ReviewsResponse> {
  const period = { fy }
  const [standings, agencyCounts, datasetCounts] = await Promise.all([
    fiscalYearStandings(versions, fy, now),
    cachedPeriodCounts(versions, period, 'agencies'),
    cachedPeriodCounts(versions, period, 'datasets'),
  ])
  // Entries already decided on stay listed however far a decision moved them (the shortlist, or past it).
  const decided = (c: (typeof standings.categories)[number], i: number) => [
    ...c.standings.filter((s) => standings.reviews.has(s.id) && !nearAward(s, c.places)),
    ...[...(standings.beyond[i]?.values() ?? [])].flat().filter((s) => standings.reviews.has(s.id)),
  ]
  const near = standings.categories.flatMap((c, i) =>
    [...c.standings.filter((s) => nearAward(s, c.places)), ...decided(c, i)].map((s) => ({
      category: c,
      standing: s,
    })),
  )
  const datasetIds = near.filter((n) => n.category.subject === 'dataset').map((n) => n.standing.id)
  const datasetSpike = await datasetSpikes(datasetIds, period, now)
  const days = periodDays(period, now)
  const items = await Promise.all(
    near.map(async ({ category, standing: s }): Promise<ReviewQueueItem | undefined> => {
      const agency = category.subject === 'agency'
      const counts = (agency ? agencyCounts : datasetCounts).get(s.id) ?? ZERO_COUNTS
      const spikeSignals = agency
        ? await spikes(versions, s.id, period, now)
        : [datasetSpike.get(s.id)].filter((x): x is SpikeSignal => x !== undefined)
      const evidence: IntegritySignal[] = [concentrationSignal(counts, days), ...spikeSignals].filter(
        (signal) => signal.warning,
      )
      const decision = standings.reviews.get(s.id)
      if (evidence.length === 0 && !decision) return undefined
      return {
        subjectId: s.id,
        subject: category.subject,
        agencyId: s.agencyId,
        categoryId: category.id,
        rank: s.rank,
        downloads: s.downloads,
        awardCount: s.awardCount ?? s.downloads,
        awarded: s.awarded,
        evidence,
        days: await spikeDaysOf(agency ? 'agencies' : 'datasets', s.id, spikeSignals),
        ...(decision ? { decision } : {}),
      }
    }),
  )
  return {
    fy,
    margin: REVIEW_MARGIN,
    items: items.filter((i): i is ReviewQueueItem => i !== undefined),
  }
}
