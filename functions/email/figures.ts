import { agencyFiguresOf, nationalFiguresOf, type ReportFigures } from '../../shared/email/figures.js'
import { REPORT_SCHEMA_VERSION, type ReportDocument } from '../../shared/reports/model.js'
import { NotFoundError } from '../errors.js'
import { getReportFile, reportKey } from '../store/reports.js'

/**
 * The figures of a report's emails are read from the report itself (`report.json` of the version the emails
 * announce), never computed again: an email and its report agree, and a re-send says what the first send said.
 */
export async function readReportDocument(month: string, version: number): Promise<ReportDocument> {
  const body = await getReportFile(reportKey(month, version, 'report.json'))
  if (!body) throw new NotFoundError(`The report of ${month}, version ${version}, has no report.json`)
  const doc = JSON.parse(body.toString('utf8')) as ReportDocument
  if (doc.schemaVersion !== REPORT_SCHEMA_VERSION || doc.month !== month) {
    throw new Error(
      `report.json of ${month} v${version} is not a schema ${REPORT_SCHEMA_VERSION} report of ${month}`,
    )
  }
  return doc
}

/** The figures of one scope (`national` or an agency id) of a report. */
export function figuresOfScope(doc: ReportDocument, scope: string): ReportFigures {
  if (scope === 'national') return nationalFiguresOf(doc)
  const figures = agencyFiguresOf(doc, scope)
  if (!figures) throw new NotFoundError(`The report of ${doc.month} has no figures for agency ${scope}`)
  return figures
}
