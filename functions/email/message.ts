import MailComposer from 'nodemailer/lib/mail-composer'
import type { ReportEmail } from '../../shared/email/report-email.js'
import { clock } from '../clock.js'

/** A composed message: its envelope and the RFC 5322 bytes every transport sends as they are. */
export interface ComposedMessage {
  from: string
  to: string
  messageId: string
  raw: Buffer
}

/** The bare address of `Name <address>` (or the address itself). */
export const addressOf = (mailbox: string) => /<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox.trim()

/**
 * Composes a report email: HTML with a plain-text alternative, and the unsubscribe headers of RFC 2369 and
 * RFC 8058 (a mail client's one-click button POSTs to the same signed address). The Message-ID is derived
 * from what the email is (`key`), so a receiver can recognise a repeat of one email.
 */
export async function composeReportMessage(input: {
  from: string
  to: string
  key: string
  email: ReportEmail
  unsubscribeUrl: string
  date?: Date
  /** Files the message carries (the report's PDF). */
  attachments?: { filename: string; content: Buffer }[]
}): Promise<ComposedMessage> {
  const domain = addressOf(input.from).split('@')[1] ?? 'localhost'
  const messageId = `<${input.key}@${domain}>`
  const composer = new MailComposer({
    from: input.from,
    to: input.to,
    subject: input.email.subject,
    messageId,
    date: input.date ?? new Date(clock.now()),
    text: input.email.text,
    html: input.email.html,
    ...(input.attachments
      ? { attachments: input.attachments.map((a) => ({ ...a, contentType: 'application/pdf' })) }
      : {}),
    headers: {
      'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
    disableFileAccess: true,
    disableUrlAccess: true,
  })
  const raw = await composer.compile().build()
  return { from: addressOf(input.from), to: input.to, messageId, raw }
}
