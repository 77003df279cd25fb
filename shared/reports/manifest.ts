/** A file of a report version, as the manifest and `GET /v1/reports` list it. */
export interface ReportFile {
  /** Path under the version's folder: `report.pdf`, `agencies/<agencyId>.csv`. */
  name: string
  size: number
  /** Hex SHA-256 of the file's bytes. */
  sha256: string
}

/** `manifest.json`: what a report version holds and where it comes from. */
export interface ReportManifest {
  manifestVersion: 1
  month: string
  fy: number
  version: number
  /** The version this one restates (null for v1). */
  supersedes: number | null
  countingRules: string
  reportSchemaVersion: number
  period: { start: string; end: string; complete: boolean }
  /** The only value that differs between two generations from the same data. */
  generatedAt: string
  /** Hash of every file's name and hash: equal content, equal hash (see `contentHashInput`). */
  contentSha256: string
  files: ReportFile[]
}

/** Files in name order, so a manifest (and the content hash) never depends on the order they were made. */
export const sortFiles = (files: readonly ReportFile[]): ReportFile[] =>
  [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

/**
 * Whether a file's bytes decide a version's content hash. The PDFs do not: they render the same figures as
 * report.json, the XLSX and the CSVs, and name the version they belong to, so two versions' PDFs always differ.
 */
export const decidesContent = (name: string) => !name.endsWith('.pdf')

/** The text whose SHA-256 is a version's content hash: one `<sha256> <name>` line per file, by name. */
export function contentHashInput(files: readonly ReportFile[]): string {
  return sortFiles(files)
    .map((f) => `${f.sha256} ${f.name}\n`)
    .join('')
}

/** The manifest of a version. */
export function buildManifest(
  fields: Omit<ReportManifest, 'manifestVersion' | 'files'> & {
    files: readonly ReportFile[]
  },
): ReportManifest {
  const { files, ...rest } = fields
  return { manifestVersion: 1, ...rest, files: sortFiles(files) }
}

/** What a generation does, given the latest stored version of its month. */
export type VersionDecision =
  | { action: 'create'; version: number; supersedes: number | null }
  | { action: 'unchanged'; version: number }

/**
 * The versioning rule: the first generation of a month is v1; one whose content differs from the latest
 * version is the next version and supersedes it; one with the same content creates nothing.
 */
export function decideVersion(
  latest: { version: number; contentSha256: string } | undefined,
  contentSha256: string,
): VersionDecision {
  if (!latest) return { action: 'create', version: 1, supersedes: null }
  if (latest.contentSha256 === contentSha256) return { action: 'unchanged', version: latest.version }
  return { action: 'create', version: latest.version + 1, supersedes: latest.version }
}
