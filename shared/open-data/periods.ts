import type { LocalizedText } from '../catalog.js'
import { fiscalYearLabel, isMonth, monthLabel, monthsOfFiscalYear, parseFiscalYear } from '../time.js'

/**
 * What the open data publishes: a month whose report was made after the month ended (its final figures,
 * restated as later versions when late events arrive), and a fiscal year DGA certified (its last month's
 * fiscal-year-to-date tables). The path segment names it: `2026-11` or `fy2569`.
 */
export type OpenPeriod = { kind: 'month'; month: string } | { kind: 'fy'; fy: number }

/** The period a path segment names; undefined when it is neither `YYYY-MM` nor `fyNNNN` (Buddhist Era). */
export function parseOpenPeriod(segment: string): OpenPeriod | undefined {
  if (isMonth(segment)) return { kind: 'month', month: segment }
  const fy = /^fy(\d{4})$/.exec(segment)?.[1]
  const parsed = fy === undefined ? undefined : parseFiscalYear(fy)
  return parsed === undefined ? undefined : { kind: 'fy', fy: parsed }
}

/** The path segment of a period: `2026-11`, `fy2569`. */
export const openPeriodSegment = (p: OpenPeriod) => (p.kind === 'month' ? p.month : `fy${p.fy}`)

/** The month whose report holds a period's tables: the month itself, or September of the fiscal year. */
export const reportMonthOf = (p: OpenPeriod) =>
  p.kind === 'month' ? p.month : (monthsOfFiscalYear(p.fy)[11] as string)

/** A period as people read it: "พฤศจิกายน 2569" / "November 2026", "ปีงบประมาณ 2569" / "FY 2026 (…)". */
export const openPeriodLabel = (p: OpenPeriod): LocalizedText =>
  p.kind === 'month'
    ? { th: monthLabel(p.month, 'th'), en: monthLabel(p.month, 'en') }
    : { th: fiscalYearLabel(p.fy, 'th'), en: fiscalYearLabel(p.fy, 'en') }

/** One published period: which report version its files come from, and when that version was made. */
export interface PublishedPeriod {
  period: OpenPeriod
  /** The report month and version its tables are read from (the latest final version). */
  reportMonth: string
  version: number
  generatedAt: string
  countingRules: string
  /** A fiscal year: when DGA certified it (its latest certification). */
  certifiedAt?: string
}

/** The files of every published period. */
export const OPEN_DATA_FILES = ['agencies.csv', 'datasets.csv'] as const
export type OpenDataFile = (typeof OPEN_DATA_FILES)[number]
export const isOpenDataFile = (name: string): name is OpenDataFile =>
  (OPEN_DATA_FILES as readonly string[]).includes(name)
