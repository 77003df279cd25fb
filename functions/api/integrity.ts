import type { IntegrityResponse } from '../../shared/api.js'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import {
  concentrationSignal,
  INTEGRITY_THRESHOLDS,
  type SpikeSignal,
  spikeSignal,
} from '../../shared/integrity.js'
import { addMonths, bangkokMonth, monthsOfFiscalYear } from '../../shared/time.js'
import { periodKey, type SubjectCounts } from '../store/counts.js'
import { catalog } from './catalog-cache.js'
import { knownAgency } from './period.js'
import { cachedPeriodCounts, memoize, periodStamp, type Versions } from './period-cache.js'
import { describePeriod, type RankingPeriod } from './rankings.js'

/** How many datasets of the agency the response lists (the most concentrated first). */
const DATASETS_SHOWN = 20

/** Spike signals for the months of the period, each against the agency's own earlier months. */
async function spikes(versions: Versions, agencyId: string, period: RankingPeriod, now: number) {
  const current = bangkokMonth(now)
  const months =
    'month' in period ? [period.month] : monthsOfFiscalYear(period.fy).filter((m) => m <= current)
  if (months.length === 0) return []
  const history = INTEGRITY_THRESHOLDS.historyMonths
  const span = Array.from({ length: months.length + history }, (_, i) =>
    addMonths(months[0] as string, i - history),
  )
  const counts = await Promise.all(span.map((month) => cachedPeriodCounts(versions, { month }, 'A')))
  const series = span.map((month, i) => ({
    month,
    downloads: counts[i]?.get(`A#${agencyId}`)?.downloads ?? 0,
  }))
  return months.map((month, i): SpikeSignal => {
    const at = history + i
    const { downloads } = series[at] as { downloads: number }
    return spikeSignal(month, downloads, series.slice(at - history, at))
  })
}

/** A period's dataset counts grouped by agency, built once per counts version. */
function datasetCountsByAgency(versions: Versions, period: RankingPeriod) {
  return memoize(`byAgency|${periodKey(period)}`, periodStamp(versions, period), async () => {
    const grouped = new Map<string, [string, SubjectCounts][]>()
    for (const entry of await cachedPeriodCounts(versions, period, 'D')) {
      const agencyId = entry[1].agencyId ?? ''
      const list = grouped.get(agencyId)
      if (list) list.push(entry)
      else grouped.set(agencyId, [entry])
    }
    return grouped
  })
}

/** What counting left out for an agency in a period, and its warning signs with the evidence. */
export async function agencyIntegrity(
  versions: Versions,
  agencyId: string,
  period: RankingPeriod,
  now = Date.now(),
): Promise<IntegrityResponse> {
  await knownAgency(agencyId, 'agencyId', now)
  const [agencyCounts, byAgency, spikeSignals, cat] = await Promise.all([
    cachedPeriodCounts(versions, period, 'A'),
    datasetCountsByAgency(versions, period),
    spikes(versions, agencyId, period, now),
    catalog(now),
  ])
  const counts = agencyCounts.get(`A#${agencyId}`) ?? ZERO_COUNTS
  const datasets = (byAgency.get(agencyId) ?? [])
    .filter(([, c]) => c.downloads > 0)
    .map(([sk, c]) => {
      const datasetId = sk.slice(2)
      return {
        datasetId,
        title: cat.datasets.get(datasetId)?.title ?? { th: datasetId, en: datasetId },
        downloads: c.downloads,
        excluded: { robots: c.robots, doubleClicks: c.doubleClicks },
        concentration: concentrationSignal(c),
      }
    })
    .sort(
      (a, b) => b.concentration.evidence.share - a.concentration.evidence.share || b.downloads - a.downloads,
    )
    .slice(0, DATASETS_SHOWN)
  return {
    agencyId,
    period: describePeriod(period, now),
    downloads: counts.downloads,
    machineDownloads: counts.machineDownloads,
    excluded: { robots: counts.robots, doubleClicks: counts.doubleClicks },
    signals: [concentrationSignal(counts), ...spikeSignals],
    datasets,
  }
}
