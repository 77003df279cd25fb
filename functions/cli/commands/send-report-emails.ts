import { bangkokMonth, isMonth } from '../../../shared/time.js'
import { clock } from '../../clock.js'
import { config } from '../../config.js'
import { sendReportEmails } from '../../email/send-report-emails.js'
import { sesTransport } from '../../email/transport.js'
import { listDeliveries } from '../../store/deliveries.js'
import { type Command, UsageError } from '../command.js'

/**
 * `send-report-emails --month YYYY-MM [--version N]`: (re)send a report's emails. What was sent is skipped,
 * what failed is retried; without --version, the latest version already sent for the month (else 1).
 */
export const sendReportEmailsCommand: Command = {
  name: 'send-report-emails',
  summary: "send a month's report emails again: skips what was sent, retries what failed",
  usage: 'send-report-emails --month YYYY-MM [--version N]',
  options: { month: { type: 'string' }, version: { type: 'string' } },
  async run({ values }, log) {
    const month = values.month
    if (typeof month !== 'string' || !isMonth(month)) {
      throw new UsageError('--month must be YYYY-MM, e.g. 2022-11')
    }
    if (month >= bangkokMonth(clock.now())) {
      throw new UsageError(`--month ${month} is not over yet: its report comes on the 1st of the next month`)
    }
    const given = values.version
    if (given !== undefined && (typeof given !== 'string' || !/^[1-9]\d{0,3}$/.test(given))) {
      throw new UsageError('--version must be a whole number from 1 to 9999')
    }
    const version =
      given === undefined
        ? Math.max(1, ...(await listDeliveries(month)).map((d) => d.version))
        : Number(given)
    log.info(`Sending the report emails of ${month}, version ${version}…`)
    const result = await sendReportEmails(
      { month, version },
      {
        log: (m) => log.info(m),
        ...(values.aws === true && !config().mail.smtpUrl ? { transport: sesTransport() } : {}),
      },
    )
    if (result.failed > 0) {
      throw new Error(
        `${result.failed} emails failed; GET /v1/subscriptions/deliveries?month=${month} says why`,
      )
    }
  },
}
