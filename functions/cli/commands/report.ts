import { isMonth } from '../../../shared/time.js'
import { generateMonthlyReport } from '../../reports/generate.js'
import { parseReportMonth } from '../../reports/month.js'
import { type Command, UsageError } from '../command.js'

/** `report --month YYYY-MM`: generate (or restate) a month's report, e.g. to backfill past months. */
export const report: Command = {
  name: 'report',
  summary: "generate a month's report (a new version only when its content changed)",
  usage: 'report --month YYYY-MM',
  options: { month: { type: 'string' } },
  async run({ values }, log) {
    const month = values.month
    if (typeof month !== 'string' || !isMonth(month))
      throw new UsageError('--month must be YYYY-MM, e.g. 2022-11')
    try {
      parseReportMonth(month)
    } catch (err) {
      throw new UsageError((err as Error).message)
    }
    log.info(`Generating the report of ${month}…`)
    const { entry, created } = await generateMonthlyReport(month, {
      onProgress: (m) => log.progress(`  ${m}`),
    })
    log.info(
      created
        ? `${month}: stored version ${entry.version}${entry.supersedes ? ` (supersedes v${entry.supersedes})` : ''}, ${entry.files.length} files${entry.complete ? '' : ' (month not over: figures will change)'}`
        : `${month}: unchanged since version ${entry.version}; nothing written`,
    )
  },
}
