import type { AgencyRankingItem, IntegrityResponse } from '../../../../shared/api.js'
import {
  type ConcentrationSignal,
  concentrationJudged,
  INTEGRITY_THRESHOLDS,
  type SpikeSignal,
} from '../../../../shared/integrity.js'
import { compareThai } from '../../../../shared/ranking.js'
import { type Locale, monthLabel } from '../../../../shared/time.js'
import { formatNumber } from '../../i18n/format.js'
import { type MessageKey, translate } from '../../i18n/index.js'
import type { Tone } from './headlineCards.js'

/**
 * Every request the counting rules saw: what they counted, plus the robots, double clicks and harvesting they
 * left out (answers from before counting-v2 have no harvesters).
 */
export function requestsSeen(r: Pick<IntegrityResponse, 'downloads' | 'excluded'>): number {
  return r.downloads + r.excluded.robots + r.excluded.doubleClicks + (r.excluded.harvesters ?? 0)
}

/** `part` as a share of `whole` (0 to 1); 0 when there is no whole. */
export function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0
}

/**
 * A share as a percentage with at most one decimal. A share that is not zero never reads as "0%": below 0.1 %
 * it reads "<0.1%", so a few robots are never hidden by rounding.
 */
export function formatShare(value: number, lang: Locale): string {
  if (value > 0 && value < 0.001) return `<${(0.1).toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB')}%`
  const percent = Math.round(value * 1000) / 10
  return `${percent.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 1 })}%`
}

/** A figure of what the counting rules did with an agency's requests, ready to show as a card. */
export interface IntegrityFigure {
  id: 'requests' | 'robots' | 'doubleClicks' | 'harvesters' | 'machine'
  label: string
  value: string
  detail: string
  tone: Tone
}

/** All requests, the robots and double clicks left out (as shares of all requests), and machine downloads. */
export function leftOutFigures(r: IntegrityResponse, lang: Locale): IntegrityFigure[] {
  const m = (key: MessageKey) => translate(lang, key)
  const n = (value: number) => formatNumber(value, lang)
  const all = requestsSeen(r)
  const ofAll = (part: number) => `${formatShare(share(part, all), lang)} ${m('ofAllRequests')}`
  return [
    {
      id: 'requests',
      label: m('allRequests'),
      value: n(all),
      detail: `${m('countedAs')} ${n(r.downloads)} (${formatShare(share(r.downloads, all), lang)})`,
      tone: 'neutral',
    },
    {
      id: 'robots',
      label: m('robotsLeftOut'),
      value: n(r.excluded.robots),
      detail: ofAll(r.excluded.robots),
      tone: 'neutral',
    },
    {
      id: 'doubleClicks',
      label: m('doubleClicksLeftOut'),
      value: n(r.excluded.doubleClicks),
      detail: ofAll(r.excluded.doubleClicks),
      tone: 'neutral',
    },
    {
      id: 'harvesters',
      label: m('harvestersLeftOut'),
      value: n(r.excluded.harvesters ?? 0),
      detail: `${ofAll(r.excluded.harvesters ?? 0)} · ${m('harvestersWhy')}`,
      tone: 'neutral',
    },
    {
      id: 'machine',
      label: m('machineCounted'),
      value: n(r.machineDownloads),
      detail: `${formatShare(share(r.machineDownloads, r.downloads), lang)} ${m('ofCountedDownloads')}`,
      tone: 'neutral',
    },
  ]
}

/** One warning sign (or the all-clear of one kind of sign), worded with its evidence. */
export interface SignalView {
  id: string
  kind: 'concentration' | 'spike'
  /** The agency's own signal, or one of its datasets' warnings. */
  scope?: 'dataset'
  warning: boolean
  title: string
  evidence: string
}

/** The evidence of a concentration signal in words: who made how much of the downloads, against the threshold. */
export function concentrationEvidence(s: ConcentrationSignal, lang: Locale): string {
  const n = (value: number) => formatNumber(value, lang)
  const e = s.evidence
  const pct = formatShare(share(e.topClientDownloads, e.downloads), lang)
  const limit = formatShare(e.threshold, lang)
  const judged = concentrationJudged(s)
  const daily = e.minDailyDownloads
  if (lang === 'th') {
    const made = `ผู้ดาวน์โหลด ${n(e.topClients)} รายที่ดาวน์โหลดมากที่สุดในแต่ละวัน มียอดรวม ${n(e.topClientDownloads)} จาก ${n(e.downloads)} ครั้ง (${pct})`
    if (!judged)
      return `${made} แต่ยอดน้อยเกินไป (ต้องมีอย่างน้อย ${n(e.minDownloads)} ครั้ง${daily ? ` และเฉลี่ย ${n(daily)} ครั้งต่อวัน` : ''}) จึงยังไม่ถือเป็นสัญญาณเตือน`
    return s.warning ? `${made} ถึงเกณฑ์เตือน ${limit}` : `${made} ต่ำกว่าเกณฑ์เตือน ${limit}`
  }
  const made = `Each day's ${n(e.topClients)} busiest clients made ${n(e.topClientDownloads)} of ${n(e.downloads)} downloads (${pct})`
  if (!judged)
    return `${made}; too few to be a warning sign (it takes at least ${n(e.minDownloads)} downloads${daily ? ` and ${n(daily)} a day on average` : ''})`
  return s.warning
    ? `${made}, at or above the ${limit} warning level`
    : `${made}, below the ${limit} warning level`
}

/** The evidence of a spike in words: the month against the median of the agency's earlier months. */
export function spikeEvidence(s: SpikeSignal, lang: Locale, t = INTEGRITY_THRESHOLDS): string {
  const n = (value: number) => formatNumber(value, lang)
  const e = s.evidence
  const month = monthLabel(e.month, lang)
  const factor = (f: number) =>
    f.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 1 })
  if (e.baseline === null)
    return lang === 'th'
      ? `${month}: ${n(e.downloads)} ครั้ง มีประวัติก่อนหน้าไม่ถึง ${n(t.minHistoryMonths)} เดือน จึงยังเทียบไม่ได้`
      : `${month}: ${n(e.downloads)} downloads; fewer than ${n(t.minHistoryMonths)} earlier months to compare with`
  const months = e.history.length
  const rule =
    lang === 'th'
      ? `เกณฑ์เตือน: ${factor(t.spikeFactor)} เท่าขึ้นไปและเพิ่มขึ้นอย่างน้อย ${n(t.spikeMinExtra)} ครั้ง`
      : `warning at ${factor(t.spikeFactor)}× or more and at least ${n(t.spikeMinExtra)} more`
  if (lang === 'th') {
    const times = e.factor === null ? '' : ` เป็น ${factor(e.factor)} เท่าของ`
    return `${month}: ${n(e.downloads)} ครั้ง${times || ' เทียบกับ'}ค่ามัธยฐาน ${n(e.baseline)} ครั้งใน ${n(months)} เดือนก่อนหน้า (${rule})`
  }
  const times = e.factor === null ? 'against' : `${factor(e.factor)}×`
  return `${month}: ${n(e.downloads)} downloads, ${times} the median of ${n(e.baseline)} over the ${n(months)} months before (${rule})`
}

/**
 * The warning signs of a period, worded with their evidence: the agency's concentration, each month that spikes,
 * and one all-clear line for the months that do not (with the highest of them, so the reader sees how far off).
 */
export function signalViews(r: IntegrityResponse, lang: Locale): SignalView[] {
  const m = (key: MessageKey) => translate(lang, key)
  const n = (value: number) => formatNumber(value, lang)
  const views: SignalView[] = []
  const spikes: SpikeSignal[] = []
  for (const s of r.signals) {
    if (s.kind === 'spike') spikes.push(s)
    else
      views.push({
        id: 'concentration',
        kind: 'concentration',
        warning: s.warning,
        title: m(s.warning ? 'concentrationWarning' : 'concentrationClear'),
        evidence: concentrationEvidence(s, lang),
      })
  }
  for (const s of spikes.filter((x) => x.warning))
    views.push({
      id: `spike-${s.evidence.month}`,
      kind: 'spike',
      warning: true,
      title: m('spikeWarning'),
      evidence: spikeEvidence(s, lang),
    })
  // Each dataset warning is listed too, so the count above the list (warningCount) is what the list shows.
  for (const d of r.datasets) {
    const title = `${m('datasetPrefix')} ${d.title[lang]}`
    if (d.concentration.warning && d.concentration.kind === 'concentration')
      views.push({
        id: `dataset-concentration-${d.datasetId}`,
        scope: 'dataset',
        kind: 'concentration',
        warning: true,
        title: `${m('concentrationWarning')} · ${title}`,
        evidence: concentrationEvidence(d.concentration, lang),
      })
    if (d.spike?.warning)
      views.push({
        id: `dataset-spike-${d.datasetId}`,
        scope: 'dataset',
        kind: 'spike',
        warning: true,
        title: `${m('spikeWarning')} · ${title}`,
        evidence: spikeEvidence(d.spike, lang),
      })
  }
  const calm = spikes.filter((x) => !x.warning)
  const spiked = spikes.some((x) => x.warning)
  if (calm.length > 0) {
    const judged = calm.filter((x) => x.evidence.factor !== null)
    const highest = judged.reduce<SpikeSignal | undefined>(
      (top, x) => (top && (top.evidence.factor ?? 0) >= (x.evidence.factor ?? 0) ? top : x),
      undefined,
    )
    const checked =
      lang === 'th'
        ? `ตรวจ ${n(calm.length)} เดือน ไม่พบยอดพุ่งผิดปกติ`
        : `${n(calm.length)} months checked, no sudden spike`
    const worst = highest ?? calm[calm.length - 1]
    views.push({
      id: 'spike-clear',
      kind: 'spike',
      warning: false,
      // Never a plain "no sudden spike" beside a month that spikes: the calm months are the other ones.
      title: m(spiked ? 'spikeOtherMonthsClear' : 'spikeClear'),
      evidence:
        calm.length === 1 && worst
          ? spikeEvidence(worst, lang)
          : `${checked}${worst ? ` · ${lang === 'th' ? 'สูงสุด' : 'highest'} ${spikeEvidence(worst, lang)}` : ''}`,
    })
  }
  return views
}

/** A dataset of the agency, with what was left out of it and how concentrated its downloads were. */
export interface DatasetIntegrityRow {
  datasetId: string
  title: string
  secondaryTitle: string
  downloads: string
  robots: string
  doubleClicks: string
  harvesters: string
  topClientShare: string
  /** Enough downloads for the share to mean anything (fewer never warn, whatever the share). */
  judged: boolean
  /** The dataset's worst month against its own history, as a factor ("×5.2"), or "–" when not judged. */
  spike: string
  /** The spike's evidence in words (empty when not judged). */
  spikeEvidence: string
  spikeWarning: boolean
  /** A concentration or a spike warning. */
  warning: boolean
}

/** The datasets the API lists (most concentrated first), warnings first, ready to show. */
export function datasetRows(r: IntegrityResponse, lang: Locale): DatasetIntegrityRow[] {
  const n = (value: number) => formatNumber(value, lang)
  return [...r.datasets]
    .sort((a, b) => Number(datasetWarns(b)) - Number(datasetWarns(a)))
    .map((d) => {
      const e = d.concentration.kind === 'concentration' ? d.concentration.evidence : undefined
      const factor = d.spike?.evidence.factor
      return {
        datasetId: d.datasetId,
        title: d.title[lang],
        secondaryTitle: d.title[lang === 'th' ? 'en' : 'th'],
        downloads: n(d.downloads),
        robots: n(d.excluded.robots),
        doubleClicks: n(d.excluded.doubleClicks),
        harvesters: n(d.excluded.harvesters ?? 0),
        topClientShare: e ? formatShare(share(e.topClientDownloads, e.downloads), lang) : '–',
        judged: d.concentration.kind === 'concentration' ? concentrationJudged(d.concentration) : false,
        spike:
          factor === null || factor === undefined
            ? '–'
            : `×${factor.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 1 })}`,
        spikeEvidence: d.spike ? spikeEvidence(d.spike, lang) : '',
        spikeWarning: d.spike?.warning ?? false,
        warning: datasetWarns(d),
      }
    })
}

/** Whether a dataset shows a warning sign: concentrated downloads, or a month that spikes. */
function datasetWarns(d: IntegrityResponse['datasets'][number]): boolean {
  return d.concentration.warning || (d.spike?.warning ?? false)
}

/** How many warning signs the period shows: the agency's own signals and its datasets' concentration and spikes. */
export function warningCount(r: IntegrityResponse): number {
  const ofDatasets = r.datasets.reduce(
    (n, d) => n + Number(d.concentration.warning) + Number(d.spike?.warning ?? false),
    0,
  )
  return r.signals.filter((s) => s.warning).length + ofDatasets
}

/** An executive's plain-language summary of their agency's integrity: no thresholds, no client shares. */
export interface ExecSummary {
  clean: boolean
  /** What was left out, in one sentence. */
  leftOut: string
  /** What DGA will look at, one line per kind of warning sign (empty when clean). */
  concerns: string[]
}

/** The summary an agency executive reads instead of the evidence DGA reads. */
export function execSummary(r: IntegrityResponse, lang: Locale): ExecSummary {
  const m = (key: MessageKey) => translate(lang, key)
  const n = (value: number) => formatNumber(value, lang)
  const all = requestsSeen(r)
  const leftOut = `${n(all - r.downloads)} ${m('execSummaryLeftOut')} ${n(all)}`
  const views = signalViews(r, lang).filter((v) => v.warning)
  const concerns = [
    ...new Set(views.map((v) => (v.kind === 'spike' ? m('spikeWarning') : m('concentrationWarning')))),
  ]
  return { clean: concerns.length === 0, leftOut, concerns }
}

/** An agency a DGA official can choose. */
export interface AgencyChoice {
  agencyId: string
  label: string
}

/**
 * The agencies of a ranking as choices named in the reader's language, sorted by Thai collation (which also
 * orders Latin names alphabetically, before Thai ones).
 */
export function agencyChoices(items: readonly AgencyRankingItem[], lang: Locale): AgencyChoice[] {
  return items
    .map((i) => ({ agencyId: i.agencyId, label: i.name[lang] }))
    .sort((a, b) => compareThai(a.label, b.label) || (a.agencyId < b.agencyId ? -1 : 1))
}
