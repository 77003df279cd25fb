import type { Counts } from './counting/count-day.js'
import { TOP_CLIENTS } from './counting/top-clients.js'
import type { Month } from './time.js'

/** When a pattern is a warning sign. Small volumes never warn: a few people are a few clients. */
export const INTEGRITY_THRESHOLDS = {
  /** Share of downloads from each day's `TOP_CLIENTS` busiest clients. */
  topClientShare: 0.5,
  /**
   * Downloads a subject needs in the period before concentration means anything: with a few downloads a day,
   * each day's three busiest clients are simply everyone (100 %), so a small sample never warns.
   */
  minDownloads: 200,
  /** …and downloads per day of the period (when the period's length is known), for the same reason. */
  minDailyDownloads: 10,
  /** A month this many times the median of the agency's earlier months is a spike… */
  spikeFactor: 3,
  /** …when it is also at least this many downloads above that median. */
  spikeMinExtra: 100,
  /** How many earlier months make the agency's own history. */
  historyMonths: 6,
  /** Fewer earlier months than this is not enough history to call anything a spike. */
  minHistoryMonths: 3,
} as const

export interface ConcentrationSignal {
  kind: 'concentration'
  warning: boolean
  evidence: {
    downloads: number
    topClientDownloads: number
    topClients: number
    share: number
    threshold: number
    minDownloads: number
    /** Days of the period so far, when known. */
    days?: number
    minDailyDownloads?: number
    /** Whether the sample is large enough for the share to mean anything (else it never warns). */
    judged?: boolean
  }
}

export interface SpikeSignal {
  kind: 'spike'
  warning: boolean
  evidence: {
    month: Month
    downloads: number
    /** Median downloads of the earlier months, or null without enough history. */
    baseline: number | null
    /** Downloads divided by the baseline; null when the baseline is 0 or unknown. */
    factor: number | null
    history: { month: Month; downloads: number }[]
  }
}

export type IntegritySignal = ConcentrationSignal | SpikeSignal

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits

/**
 * How much of a subject's downloads came from each day's few busiest clients, and whether that is suspicious:
 * only on a large enough sample (at least `minDownloads` in the period and, given the period's `days` so far,
 * `minDailyDownloads` a day on average).
 */
export function concentrationSignal(
  counts: Counts,
  days?: number,
  t: {
    topClientShare: number
    minDownloads: number
    minDailyDownloads: number
  } = INTEGRITY_THRESHOLDS,
): ConcentrationSignal {
  const share = counts.downloads > 0 ? counts.topClientDownloads / counts.downloads : 0
  const judged =
    counts.downloads >= t.minDownloads &&
    (days === undefined || days <= 0 || counts.downloads / days >= t.minDailyDownloads)
  return {
    kind: 'concentration',
    warning: judged && share >= t.topClientShare,
    evidence: {
      downloads: counts.downloads,
      topClientDownloads: counts.topClientDownloads,
      topClients: TOP_CLIENTS,
      share: round(share),
      threshold: t.topClientShare,
      minDownloads: t.minDownloads,
      ...(days === undefined ? {} : { days, minDailyDownloads: t.minDailyDownloads }),
      judged,
    },
  }
}

/** Whether a concentration signal's sample was large enough to judge (answers before the rule: by downloads). */
export const concentrationJudged = (s: ConcentrationSignal) =>
  s.evidence.judged ?? s.evidence.downloads >= s.evidence.minDownloads

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/**
 * Whether a month's downloads jump against the agency's own history: the median of up to `historyMonths`
 * earlier months (oldest first in `history`; the last `historyMonths` are used).
 */
export function spikeSignal(
  month: Month,
  downloads: number,
  history: readonly { month: Month; downloads: number }[],
  t = INTEGRITY_THRESHOLDS,
): SpikeSignal {
  const used = history.slice(-t.historyMonths)
  const baseline = used.length >= t.minHistoryMonths ? median(used.map((h) => h.downloads)) : null
  const factor = baseline ? round(downloads / baseline, 2) : null
  const warning =
    baseline !== null && downloads - baseline >= t.spikeMinExtra && downloads >= baseline * t.spikeFactor
  return { kind: 'spike', warning, evidence: { month, downloads, baseline, factor, history: used } }
}
