import { addMonths, bangkokMonth, isMonth } from '../../shared/time.js'
import { clock } from '../clock.js'
import { config } from '../config.js'
import { sendReportEmails } from '../email/send-report-emails.js'
import { log } from '../log.js'
import { generateMonthlyReport } from '../reports/generate.js'

// The report job has its own entry, so the every-minute rollup's bundle carries no PDF, XLSX or mail code.

/**
 * Scheduled (02:00 Bangkok time on the 1st, after the recount at 01:00) entry of the monthly report: the
 * month just ended, or `{"month": "YYYY-MM"}` by hand. A failure throws, so Lambda retries it and the alarm
 * on the function's errors (and then the dead-letter queue) says so. Returns the entry, for what follows it.
 */
export async function reportHandler(event: { month?: unknown; emails?: unknown } = {}) {
  const month = typeof event.month === 'string' ? event.month : addMonths(bangkokMonth(clock.now()), -1)
  if (!isMonth(month)) throw new Error(`month must be YYYY-MM, not ${JSON.stringify(event.month)}`)
  try {
    const { entry, created } = await generateMonthlyReport(month)
    // Then its emails: every scheduled run, not only one that made a new version, so a retry after a failed
    // send finishes the job (sendReportEmails skips what was sent). A stack without email (no MAIL_FROM) binds
    // no transport, and sends nothing; a run DGA started (`emails: false`) sends nothing either.
    const emails =
      config().mail.transportSet && event.emails !== false
        ? await sendReportEmails({ month, version: entry.version })
        : undefined
    log.info('report', { month, version: entry.version, created, files: entry.files.length, emails })
    if (emails && emails.failed > 0)
      throw new Error(`${emails.failed} report emails failed; a retry sends them`)
    return { ...entry, created, emails }
  } catch (err) {
    log.error('report failed', { month, error: err })
    throw err
  }
}
