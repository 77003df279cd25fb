import {
  type OpenPeriod,
  openPeriodSegment,
  type PublishedPeriod,
  reportMonthOf,
} from '../../shared/open-data/periods.js'
import { REPORT_SCHEMA_VERSION, type ReportDocument } from '../../shared/reports/model.js'
import { fiscalYearOfMonth, monthsOfFiscalYear } from '../../shared/time.js'
import { NotFoundError } from '../errors.js'
import { getLatestCertification } from '../store/certifications.js'
import { getReportFile, listReportVersions, type ReportVersionSummary, reportKey } from '../store/reports.js'

/**
 * What the open data publishes, read from the reports' index and the certifications: a month once a version
 * of its report was made after it ended (`complete`: the monthly run at 02:00 on the 1st, or DGA later), its
 * files read from the latest such version; a fiscal year once DGA certified it and its September has a final
 * report, its files read from that report's fiscal-year-to-date tables. A provisional report (made while its
 * month ran) is never published.
 */
export function listPublished(now = Date.now()): Promise<PublishedPeriod[]> {
  // Public and uncached by sign-in: one read of the index serves every request of the next seconds.
  if (!listed || now - listed.at > LIST_TTL_MS) {
    const value = readPublished()
    listed = { at: now, value }
    value.catch(() => {
      if (listed?.value === value) listed = undefined
    })
  }
  return listed.value
}

/** How long a read of what is published serves (CloudFront caches the answers for minutes anyway). */
const LIST_TTL_MS = 10_000
let listed: { at: number; value: Promise<PublishedPeriod[]> } | undefined

async function readPublished(): Promise<PublishedPeriod[]> {
  const latestFinal = new Map<string, ReportVersionSummary>()
  // Newest month first, newest version first within a month: the first final version seen is the latest.
  for (const e of await listReportVersions()) {
    if (e.complete && !latestFinal.has(e.month)) latestFinal.set(e.month, e)
  }
  const of = (period: OpenPeriod, e: ReportVersionSummary): PublishedPeriod => ({
    period,
    reportMonth: e.month,
    version: e.version,
    generatedAt: e.generatedAt,
    countingRules: e.countingRules,
  })
  const months = [...latestFinal.values()].map((e) => of({ kind: 'month', month: e.month }, e))
  const years: PublishedPeriod[] = []
  const septembers = [...latestFinal.keys()].filter((m) => m.endsWith('-09'))
  for (const september of septembers) {
    const fy = fiscalYearOfMonth(september)
    const certification = await getLatestCertification(fy)
    const e = latestFinal.get(september)
    if (certification && e)
      years.push({ ...of({ kind: 'fy', fy }, e), certifiedAt: certification.certifiedAt })
  }
  // Fiscal years first (newest first), then months (newest first).
  return [...years, ...months]
}

/** A published period, or a 404 that says why it is not. */
export function findPublished(published: readonly PublishedPeriod[], p: OpenPeriod): PublishedPeriod {
  const found = published.find((x) => openPeriodSegment(x.period) === openPeriodSegment(p))
  if (found) return found
  const what =
    p.kind === 'month'
      ? `${p.month} is not published: a month is published once its final report is made (after the month ends, at 02:00 Bangkok time on the 1st)`
      : `FY${p.fy} is not published: a fiscal year is published once DGA certifies its results (after it ends on 30 September ${monthsOfFiscalYear(p.fy)[11]?.slice(0, 4)})`
  throw new NotFoundError(what)
}

/** Report versions are written once and never changed: their documents are kept once read. */
const documents = new Map<string, Promise<ReportDocument>>()
const MAX_DOCUMENTS = 48

/** The report document a published period's files and page are built from. */
export function publishedDocument(p: PublishedPeriod): Promise<ReportDocument> {
  const key = reportKey(reportMonthOf(p.period), p.version, 'report.json')
  let doc = documents.get(key)
  if (!doc) {
    doc = readDocument(key)
    doc.catch(() => documents.delete(key))
    if (documents.size >= MAX_DOCUMENTS) documents.delete(documents.keys().next().value as string)
    documents.set(key, doc)
  }
  return doc
}

async function readDocument(key: string): Promise<ReportDocument> {
  const body = await getReportFile(key)
  if (!body) throw new NotFoundError(`The published report ${key} is missing`)
  const doc = JSON.parse(body.toString('utf8')) as ReportDocument
  if (doc.schemaVersion !== REPORT_SCHEMA_VERSION) {
    throw new Error(`${key} has schema version ${doc.schemaVersion}, not ${REPORT_SCHEMA_VERSION}`)
  }
  return doc
}
