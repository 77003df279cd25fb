import { existsSync } from 'node:fs'
import { SOURCE_NAME } from '../../../shared/legacy/earlier-counts.js'
import { bangkokMonth, isMonth } from '../../../shared/time.js'
import { clock } from '../../clock.js'
import { type HistoryInput, importHistory } from '../../import/import-history.js'
import { type Command, UsageError } from '../command.js'

function bar(done: number, total: number, width = 24): string {
  const fraction = total === 0 ? 1 : Math.min(1, done / total)
  const filled = Math.round(fraction * width)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%`
}

/** The one input of the command, from whichever of --monthly, --tracking and --ckan is given. */
function inputOf(values: Record<string, unknown>, month: string): HistoryInput {
  const given = (['monthly', 'tracking', 'ckan'] as const).filter((k) => typeof values[k] === 'string')
  if (given.length !== 1)
    throw new UsageError('give exactly one of --monthly FILE, --tracking FILE, --ckan URL')
  const kind = given[0] as 'monthly' | 'tracking' | 'ckan'
  const value = values[kind] as string
  if (kind === 'ckan') {
    if (!/^https?:\/\//.test(value)) throw new UsageError(`--ckan must be an http(s) URL, not "${value}"`)
    return { kind, url: value, month }
  }
  if (!existsSync(value)) throw new UsageError(`no such file: ${value}`)
  if (kind === 'monthly' && values.month !== undefined)
    throw new UsageError('--month is for tracking totals; a monthly CSV names its months')
  return kind === 'monthly' ? { kind, file: value } : { kind, file: value, month }
}

/**
 * `import-history`: earlier counts ("legacy counts") per dataset and month, from a CSV of monthly downloads or
 * from CKAN's tracking totals (an export file, or the portal's `package_show?include_tracking=true`).
 */
export const importHistoryCommand: Command = {
  name: 'import-history',
  summary: 'import earlier counts (legacy) from a monthly CSV or CKAN tracking; safe to repeat',
  usage:
    'import-history (--monthly FILE --source NAME | --tracking FILE | --ckan URL) [--month YYYY-MM] [--source NAME] [--skip-bad]',
  options: {
    monthly: { type: 'string' },
    tracking: { type: 'string' },
    ckan: { type: 'string' },
    source: { type: 'string' },
    month: { type: 'string' },
    'skip-bad': { type: 'boolean' },
  },
  async run({ values }, log) {
    const current = bangkokMonth(clock.now())
    const month = (values.month as string | undefined) ?? current
    if (!isMonth(month)) throw new UsageError('--month must be YYYY-MM, e.g. 2025-09')
    if (month > current) throw new UsageError(`--month ${month} is in the future`)
    const input = inputOf(values, month)
    const source =
      (values.source as string | undefined) ?? (input.kind === 'monthly' ? undefined : 'ckan-tracking')
    if (source === undefined)
      throw new UsageError('a monthly CSV needs --source NAME (e.g. ga4), shown with its figures')
    if (!SOURCE_NAME.test(source))
      throw new UsageError(
        `--source must be lower-case letters, digits and dashes (e.g. ga4), not "${source}"`,
      )

    const what = input.kind === 'ckan' ? input.url : input.file
    const result = await importHistory(input, {
      source,
      skipBad: values['skip-bad'] === true,
      onProgress: (done, total, step) =>
        log.progress(
          `${what} ${step} ${bar(done, total)} ${done.toLocaleString('en')}/${total.toLocaleString('en')}`,
        ),
    })
    const unit = input.kind === 'ckan' ? 'datasets' : 'lines'
    log.info(
      `${what}: ${result.read} ${unit} read, ${result.rows} dataset months good, ${result.bad.length} bad`,
    )
    for (const b of result.bad.slice(0, 50))
      log.info(`  ${'line' in b ? `line ${b.line}` : `dataset ${b.dataset}`}: ${b.error}`)
    if (result.bad.length > 50) log.info(`  … and ${result.bad.length - 50} more`)
    if (!result.imported)
      throw new UsageError(
        `nothing imported: fix the ${result.bad.length} bad ${unit === 'lines' ? 'lines' : 'datasets'}, or give --skip-bad to import the rest`,
      )
    log.info(
      `Earlier counts (${source}): ${result.written} figures written, ${result.unchanged} already stored as they are` +
        (result.bad.length > 0 ? `; ${result.bad.length} bad ${unit} skipped` : ''),
    )
  },
}
