import { randomUUID } from 'node:crypto'
import type { ReportFigures } from '../../shared/email/figures.js'
import { buildReportEmail, type EmailLinks } from '../../shared/email/report-email.js'
import { reportLinkHash } from '../../shared/links.js'
import { isMonth } from '../../shared/time.js'
import { clock } from '../clock.js'
import { config } from '../config.js'
import { claimDelivery, type DeliveryKey, markDeliveryFailed, markDeliverySent } from '../store/deliveries.js'
import { getReportFile, reportKey } from '../store/reports.js'
import { listSubscriptions, type StoredSubscription } from '../store/subscriptions.js'
import { mapLimit } from '../util/concurrency.js'
import { figuresOfScope, readReportDocument } from './figures.js'
import { composeReportMessage } from './message.js'
import { type MailTransport, transportFromConfig } from './transport.js'
import { signUnsubscribeToken, unsubscribeKey, unsubscribeUrl } from './unsubscribe-token.js'

/** A report run's request that cannot be sent: a malformed month or version. */
export class ReportEmailError extends Error {
  override name = 'ReportEmailError'
}

export interface SendReportEmailsOptions {
  /** Where messages go. @default the configured transport (SMTP_URL, SES, or the outbox), closed at the end */
  transport?: MailTransport
  /** Emails in flight at once. @default 4 */
  concurrency?: number
  /** A claim older than this that never finished is taken over (its run crashed). @default 5 minutes */
  staleClaimMs?: number
  now?: () => number
  log?: (message: string) => void
}

export interface SendReportEmailsResult {
  sent: number
  skipped: number
  failed: number
}

export const STALE_CLAIM_MS = 5 * 60_000

/** The PDF of a scope in a report: the national report, or the agency's own. */
const pdfOf = (scope: string) => (scope === 'national' ? 'report.pdf' : `agencies/${scope}.pdf`)

/** Attached up to this size; a larger PDF is linked only (mail servers refuse large messages). */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024

/** The dashboard's page of a scope, the reports page, and the scope's PDF of this report. */
function linksOf(
  scope: string,
  report: { month: string; version: number },
  unsubscribe: string,
  pdfAttached: boolean,
): EmailLinks {
  const base = config().mail.dashboardUrl
  const page = scope === 'national' ? '#/rankings' : `#/agency/${encodeURIComponent(scope)}`
  const pdf = `${base}/${reportLinkHash({ ...report, file: pdfOf(scope) })}`
  return { dashboard: `${base}/${page}`, reports: `${base}/#/reports`, pdf, pdfAttached, unsubscribe }
}

/**
 * Sends the email of a report (month and version) to every subscription, at most once each: a delivery is
 * claimed with a conditional write before its email is sent, then marked `sent` (with the message id) or
 * `failed` (with the error). Running again for the same report skips what was sent and what another run is
 * sending, retries what failed, and takes over claims left `sending` for longer than `staleClaimMs`. One
 * failure never stops the others.
 */
export async function sendReportEmails(
  report: { month: string; version: number },
  options: SendReportEmailsOptions = {},
): Promise<SendReportEmailsResult> {
  const { month, version } = report
  if (!isMonth(month)) throw new ReportEmailError(`month must be YYYY-MM, e.g. 2022-11; got "${month}"`)
  if (!Number.isInteger(version) || version < 1 || version > 9999) {
    throw new ReportEmailError(`version must be a whole number from 1 to 9999; got ${version}`)
  }
  const now = options.now ?? clock.now
  const log = options.log ?? ((message: string) => console.log(message))
  const staleClaimMs = options.staleClaimMs ?? STALE_CLAIM_MS
  const { from } = config().mail
  const [subscriptions, key] = await Promise.all([listSubscriptions(), unsubscribeKey()])
  const transport = options.transport ?? transportFromConfig()
  if (transport.kind !== 'outbox' && !config().mail.dashboardUrlSet) {
    if (!options.transport) transport.close()
    throw new ReportEmailError(
      `DASHBOARD_URL is not set: the emails would link to ${config().mail.dashboardUrl}; set it to the dashboard's address`,
    )
  }
  const claimant = randomUUID()

  // The figures are the report's (its report.json, read once); each subscriber's delivery records an error.
  const doc = readReportDocument(month, version)
  doc.catch(() => {})
  const figuresOf = async (scope: string): Promise<ReportFigures> => figuresOfScope(await doc, scope)
  // A scope's PDF, read once for the subscribers who want it attached; undefined when over the size limit.
  const pdfs = new Map<string, Promise<Buffer | undefined>>()
  const attachmentOf = (scope: string) => {
    let pdf = pdfs.get(scope)
    if (!pdf) {
      pdf = getReportFile(reportKey(month, version, pdfOf(scope))).then((body) => {
        if (!body) throw new Error(`The report of ${month} v${version} has no ${pdfOf(scope)}`)
        return body.length <= MAX_ATTACHMENT_BYTES ? body : undefined
      })
      pdf.catch(() => {})
      pdfs.set(scope, pdf)
    }
    return pdf
  }

  const deliver = async (subscription: StoredSubscription): Promise<keyof SendReportEmailsResult> => {
    const delivery: DeliveryKey = { month, version, subscriptionId: subscription.id }
    const at = now()
    if (!(await claimDelivery(delivery, subscription, claimant, at, at - staleClaimMs))) return 'skipped'
    let messageId: string
    try {
      const url = unsubscribeUrl(signUnsubscribeToken(key, subscription.id))
      const pdf = subscription.attachPdf ? await attachmentOf(subscription.scope) : undefined
      const email = buildReportEmail(
        await figuresOf(subscription.scope),
        version,
        subscription.locale,
        linksOf(subscription.scope, report, url, pdf !== undefined),
      )
      const message = await composeReportMessage({
        from,
        to: subscription.email,
        key: `report-${month}-v${version}-${subscription.id}`,
        email,
        unsubscribeUrl: url,
        ...(pdf
          ? { attachments: [{ filename: attachmentName(month, version, subscription.scope), content: pdf }] }
          : {}),
      })
      messageId = await transport.send(message)
    } catch (err) {
      const error = (err as Error).message || String(err)
      log(`report email ${month} v${version} to ${subscription.id} failed: ${error}`)
      await markDeliveryFailed(delivery, claimant, error, now())
      return 'failed'
    }
    // Sent: if this record cannot be written, the claim goes stale and a later run sends again (at least once).
    await markDeliverySent(delivery, claimant, messageId, now())
    return 'sent'
  }

  const result: SendReportEmailsResult = { sent: 0, skipped: 0, failed: 0 }
  try {
    const outcomes = await mapLimit(subscriptions, options.concurrency ?? 4, (s) =>
      deliver(s).catch((err: Error) => {
        log(`report email ${month} v${version} to ${s.id} could not be recorded: ${err.message}`)
        return 'failed' as const
      }),
    )
    for (const outcome of outcomes) result[outcome]++
  } finally {
    if (!options.transport) transport.close()
  }
  log(
    `report emails ${month} v${version}: ${result.sent} sent, ${result.skipped} skipped, ${result.failed} failed`,
  )
  return result
}

/** The file name of an attached PDF, as the dashboard names its downloads. */
const attachmentName = (month: string, version: number, scope: string) =>
  `ogd-rankings-${month}-v${version}-${pdfOf(scope).replace('/', '-')}`
