import type { IntegrityResponse } from '../../shared/api.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import type { SubjectCounts } from '../../shared/counting/period-counts.js'
import {
  concentrationSignal,
  INTEGRITY_THRESHOLDS,
  type SpikeSignal,
  spikeSignal,
} from '../../shared/integrity.js'
import { addMonths, bangkokMonth, monthRange, monthsOfFiscalYear } from '../../shared/time.js'
import { clock } from '../clock.js'
import { countsVersionKey, getDatasetCountsIn } from '../store/counts.js'
import { cachedPeriodCounts, memoize, periodStamp, type Versions } from './cache.js'
import { catalog, knownAgency } from './catalog.js'
import { describePeriod, type RankingPeriod } from './rankings.js'

/** How many datasets of the agency the response lists (the most concentrated first). */
const DATASETS_SHOWN = 20

/** The months of the period to judge (a fiscal year: its months so far) and the span with their history. */
function judgedMonths(period: RankingPeriod, now: number) {
  const current = bangkokMonth(now)
  const months =
    'month' in period ? [period.month] : monthsOfFiscalYear(period.fy).filter((m) => m <= current)
  const history = INTEGRITY_THRESHOLDS.historyMonths
  const span =
    months.length === 0
      ? []
      : Array.from({ length: months.length + history }, (_, i) => addMonths(months[0] as string, i - history))
  return { months, span, history }
}

/** Each month's spike signal, from a series of monthly downloads over `span` (history first). */
function spikesOf(months: string[], span: string[], history: number, downloadsIn: (month: string) => number) {
  const series = span.map((month) => ({ month, downloads: downloadsIn(month) }))
  return months.map((month, i): SpikeSignal => {
    const at = history + i
    return spikeSignal(month, (series[at] as { downloads: number }).downloads, series.slice(at - history, at))
  })
}

/** Spike signals for the months of the period, each against the agency's own earlier months. */
export async function spikes(versions: Versions, agencyId: string, period: RankingPeriod, now: number) {
  const { months, span, history } = judgedMonths(period, now)
  if (months.length === 0) return []
  const counts = await Promise.all(span.map((month) => cachedPeriodCounts(versions, { month }, 'agencies')))
  const byMonth = new Map(span.map((month, i) => [month, counts[i]?.get(agencyId)?.downloads ?? 0]))
  return spikesOf(months, span, history, (month) => byMonth.get(month) ?? 0)
}

/**
 * Each dataset's worst month of the period against the dataset's own earlier months (the warning with the
 * largest factor, else the latest month). Only datasets with enough downloads in the period to spike are
 * judged, by point reads of their monthly counts: O(judged datasets × months), never a whole period's datasets.
 */
export async function datasetSpikes(datasetIds: string[], period: RankingPeriod, now: number) {
  const { months, span, history } = judgedMonths(period, now)
  const result = new Map<string, SpikeSignal>()
  if (months.length === 0 || datasetIds.length === 0) return result
  const counts = await getDatasetCountsIn(
    span.map((month) => ({ month })),
    datasetIds,
  )
  const downloadsIn = new Map(span.map((month, i) => [month, counts[i]]))
  for (const id of datasetIds) {
    const signals = spikesOf(
      months,
      span,
      history,
      (month) => downloadsIn.get(month)?.get(id)?.downloads ?? 0,
    )
    const worst = signals
      .filter((s) => s.warning)
      .sort((a, b) => (b.evidence.factor ?? 0) - (a.evidence.factor ?? 0))
    result.set(id, (worst[0] ?? signals[signals.length - 1]) as SpikeSignal)
  }
  return result
}

/** A period's dataset counts grouped by agency, built once per counts version. */
function datasetCountsByAgency(versions: Versions, period: RankingPeriod) {
  return memoize(`byAgency|${countsVersionKey(period)}`, periodStamp(versions, period), async () => {
    const grouped = new Map<string, [string, SubjectCounts][]>()
    for (const entry of await cachedPeriodCounts(versions, period, 'datasets')) {
      const agencyId = entry[1].agencyId ?? ''
      const list = grouped.get(agencyId)
      if (list) list.push(entry)
      else grouped.set(agencyId, [entry])
    }
    return grouped
  })
}

/** Days of a period so far (at least one): how thin a period's downloads are spread (concentrationSignal). */
export function periodDays(period: RankingPeriod, now: number): number {
  const first = 'month' in period ? period.month : (monthsOfFiscalYear(period.fy)[0] as string)
  const { start } = monthRange(first)
  const end = Date.parse(describePeriod(period, now).dataUpTo)
  return Math.max(1, Math.ceil((end - start) / 86_400_000))
}

/** What counting left out for an agency in a period, and its warning signs with the evidence. */
export async function agencyIntegrity(
  versions: Versions,
  agencyId: string,
  period: RankingPeriod,
  now = clock.now(),
): Promise<IntegrityResponse> {
  // Asked for with the agency, so a new process fetches the catalog and the counts side by side.
  const [, agencyCounts, byAgency, spikeSignals, cat] = await Promise.all([
    knownAgency(agencyId),
    cachedPeriodCounts(versions, period, 'agencies'),
    datasetCountsByAgency(versions, period),
    spikes(versions, agencyId, period, now),
    catalog(),
  ])
  const counts = agencyCounts.get(agencyId) ?? ZERO_COUNTS
  const days = periodDays(period, now)
  const active = (byAgency.get(agencyId) ?? []).filter(([, c]) => c.downloads > 0)
  // A spike needs at least spikeMinExtra downloads in one month: fewer in the whole period cannot be one.
  const spikeCandidates = active
    .filter(([, c]) => c.downloads >= INTEGRITY_THRESHOLDS.spikeMinExtra)
    .map(([datasetId]) => datasetId)
  const datasetSpike = await memoize(
    `datasetSpikes|${agencyId}|${countsVersionKey(period)}`,
    periodStamp(versions, period),
    () => datasetSpikes(spikeCandidates, period, now),
  )
  const datasets = active
    .map(([datasetId, c]) => {
      return {
        datasetId,
        title: cat.datasets.get(datasetId)?.title ?? { th: datasetId, en: datasetId },
        downloads: c.downloads,
        excluded: { robots: c.robots, doubleClicks: c.doubleClicks, harvesters: c.harvesters },
        concentration: concentrationSignal(c, days),
        spike: datasetSpike.get(datasetId) ?? null,
      }
    })
    .sort(
      (a, b) =>
        Number(b.concentration.warning || !!b.spike?.warning) -
          Number(a.concentration.warning || !!a.spike?.warning) ||
        b.concentration.evidence.share - a.concentration.evidence.share ||
        b.downloads - a.downloads,
    )
    .slice(0, DATASETS_SHOWN)
  return {
    agencyId,
    period: describePeriod(period, now),
    downloads: counts.downloads,
    machineDownloads: counts.machineDownloads,
    excluded: { robots: counts.robots, doubleClicks: counts.doubleClicks, harvesters: counts.harvesters },
    signals: [concentrationSignal(counts, days), ...spikeSignals],
    datasets,
  }
}
