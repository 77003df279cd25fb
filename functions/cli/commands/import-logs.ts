import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { importLogFile } from '../../import/import-logs.js'
import type { LogFormat } from '../../import/log-lines.js'
import { runRollup } from '../../jobs/rollup.js'
import { type Command, UsageError } from '../command.js'

const FORMATS: LogFormat[] = ['nginx', 'cloudfront']

function bar(fraction: number, width = 24): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%`
}

/** `import-logs --format nginx|cloudfront FILE…`: record the downloads of a CKAN portal's web server logs. */
export const importLogs: Command = {
  name: 'import-logs',
  summary: 'record downloads from nginx or CloudFront logs (plain or gzip); safe to repeat',
  usage: 'import-logs --format nginx|cloudfront FILE…',
  options: { format: { type: 'string' } },
  async run({ values, positionals }, log) {
    const format = values.format as LogFormat
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`)
    if (positionals.length === 0) throw new UsageError('name at least one log file')
    const missing = positionals.filter((f) => !existsSync(f))
    if (missing.length > 0) throw new UsageError(`no such file: ${missing.join(', ')}`)

    for (const file of positionals) {
      const result = await importLogFile(file, format, (fraction, lines) =>
        log.progress(`${basename(file)} ${bar(fraction)} ${lines.toLocaleString('en')} lines`),
      )
      log.info(
        `${basename(file)}: ${result.lines} lines, ${result.downloads} downloads — ${result.accepted} recorded, ` +
          `${result.duplicates} already recorded, ${Object.values(result.rejected).reduce((a, b) => a + b, 0)} rejected, ` +
          `${result.invalid.count} unreadable lines`,
      )
      for (const [reason, count] of Object.entries(result.rejected))
        log.info(`  rejected ${count}× ${reason}`)
      for (const { line, reason } of result.invalid.examples.slice(0, 20))
        log.info(`  line ${line}: ${reason}`)
      if (result.invalid.count > 20) log.info(`  … and ${result.invalid.count - 20} more unreadable lines`)
    }
    log.progress('recounting the affected days…')
    await runRollup()
    log.info('Counts updated.')
  },
}
