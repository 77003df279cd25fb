import type { ReportEntry, ReportStartedResponse } from '../../../../shared/api.js'
import { compareThai } from '../../../../shared/ranking.js'
import type { Locale } from '../../../../shared/time.js'
import { type MessageKey, t } from '../../i18n/index.js'

/** The versions of one month, newest first. */
export interface MonthReports {
  month: string
  versions: ReportEntry[]
}

/** Entries grouped by month, newest month first, each month's newest version first. */
export function groupByMonth(items: readonly ReportEntry[]): MonthReports[] {
  const months = new Map<string, ReportEntry[]>()
  for (const item of items) months.set(item.month, [...(months.get(item.month) ?? []), item])
  return [...months]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([month, versions]) => ({ month, versions: [...versions].sort((a, b) => b.version - a.version) }))
}

const KINDS: Record<string, Record<Locale, string>> = {
  'report.pdf': { th: 'รายงาน PDF', en: 'Report (PDF)' },
  'report.xlsx': { th: 'Excel ทุกตาราง', en: 'Excel, every table' },
  'report.json': { th: 'JSON', en: 'JSON' },
  'agencies.csv': { th: 'หน่วยงาน CSV', en: 'Agencies (CSV)' },
  'datasets.csv': { th: 'ชุดข้อมูล CSV', en: 'Datasets (CSV)' },
  'manifest.json': { th: 'รายการไฟล์และ SHA-256', en: 'Manifest (SHA-256)' },
}

/** How a file reads in the list: the national files by kind, an agency's variant by its name and format. */
export function fileLabel(
  name: string,
  lang: Locale,
  agencyName: (id: string) => string | undefined,
): string {
  const kind = KINDS[name]
  if (kind) return kind[lang]
  const variant = /^agencies\/(.+)\.(pdf|csv)$/.exec(name)
  if (variant)
    return `${agencyName(variant[1] as string) ?? variant[1]} (${(variant[2] as string).toUpperCase()})`
  return name
}

/** National files first (in a fixed order), then agency variants. */
export function orderFiles<T extends { name: string }>(files: readonly T[]): T[] {
  const order = Object.keys(KINDS)
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length)
  return [...files].sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : 1))
}

/** What the Generate button says happened: a new version, no change, or (on AWS) a report being made. */
export function generatedMessage(
  result: ReportEntry | ReportStartedResponse,
  before: number | undefined,
): string {
  const key: MessageKey =
    'status' in result ? 'reportStarted' : result.version === before ? 'reportUnchanged' : 'reportCreated'
  return t(key)
}

/** The agencies a version has its own files for, by name (Thai order in Thai), for DGA to pick one. */
export function agencyVariants(
  files: readonly { name: string }[],
  lang: Locale,
  agencyName: (id: string) => string | undefined,
): { agencyId: string; name: string }[] {
  const ids = new Set(files.flatMap((f) => /^agencies\/(.+)\.(pdf|csv)$/.exec(f.name)?.[1] ?? []))
  const named = [...ids].map((agencyId) => ({ agencyId, name: agencyName(agencyId) ?? agencyId }))
  return named.sort((a, b) =>
    lang === 'th' ? compareThai(a.name, b.name) : a.name.localeCompare(b.name, 'en'),
  )
}
