/**
 * Links into the dashboard that other places write (emails) and the dashboard reads: one format, here.
 * The dashboard routes by the URL fragment, so a link works behind any sign-in (the fragment is kept).
 */

/** A report file to open: a month's version and a file of it (`report.pdf`, `agencies/<agencyId>.pdf`). */
export interface ReportLink {
  month: string
  version: number
  file: string
}

/** The fragment of a report file's link: `#/reports/2026-11/3/agencies/<agencyId>.pdf`. */
export function reportLinkHash(link: ReportLink): string {
  return `#/reports/${link.month}/${link.version}/${link.file.split('/').map(encodeURIComponent).join('/')}`
}

/** The report file a link's path segments after `#/reports/` name, or undefined when they name none. */
export function parseReportLink(segments: readonly string[]): ReportLink | undefined {
  const [month, versionText, ...file] = segments
  const version = Number(versionText)
  const name = file.map(decodeURIComponent).join('/')
  const valid = /^\d{4}-\d{2}$/.test(month ?? '') && Number.isInteger(version) && version > 0 && name !== ''
  return valid ? { month: month as string, version, file: name } : undefined
}
