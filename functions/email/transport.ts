import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { createTransport } from 'nodemailer'
import { sendRawEmail } from '../aws/ses.js'
import { ConfigError, config } from '../config.js'
import type { ComposedMessage } from './message.js'

/** Where composed messages go. `send` answers the transport's message id, or throws why it failed. */
export interface MailTransport {
  readonly kind: 'smtp' | 'ses' | 'outbox'
  send(message: ComposedMessage): Promise<string>
  close(): void
}

/**
 * An SMTP server (`smtp://` or `smtps://user:pass@host:port`), through a small pool of connections. Time
 * limits keep one send far shorter than the delivery claim a stuck send would otherwise outlive.
 */
export function smtpTransport(url: string, maxConnections = 4): MailTransport {
  const transporter = createTransport({
    url,
    pool: true,
    maxConnections,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  })
  return {
    kind: 'smtp',
    async send(message) {
      const info = await transporter.sendMail({
        envelope: { from: message.from, to: [message.to] },
        raw: message.raw,
      })
      if (info.rejected.length > 0) throw new Error(`The SMTP server rejected ${message.to}`)
      // With a raw message nodemailer reports an id of its own; the one in the message's header is ours.
      return message.messageId
    },
    close: () => transporter.close(),
  }
}

/** `.eml` files in a folder (the local outbox), one per message, written whole or not at all. */
export function outboxTransport(dir: string): MailTransport {
  return {
    kind: 'outbox',
    async send(message) {
      await mkdir(dir, { recursive: true })
      const name = `${message.messageId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^_+|_+$/g, '')}.eml`
      const temporary = join(dir, `.${name}.tmp`)
      await writeFile(temporary, message.raw)
      await rename(temporary, join(dir, name))
      return message.messageId
    },
    close: () => {},
  }
}

/** Amazon SES (SendEmail with the raw message). */
export function sesTransport(): MailTransport {
  return {
    kind: 'ses',
    send: (message) => sendRawEmail(message),
    close: () => {},
  }
}

/** The transport the configuration chooses: SMTP_URL, SES on AWS (MAIL_TRANSPORT=ses), else the outbox. */
export function transportFromConfig(): MailTransport {
  const { transport, smtpUrl } = config().mail
  if (transport === 'smtp') {
    if (!smtpUrl) throw new ConfigError('MAIL_TRANSPORT=smtp needs SMTP_URL')
    return smtpTransport(smtpUrl)
  }
  if (transport === 'ses') return sesTransport()
  if (transport === 'none') {
    throw new ConfigError('MAIL_TRANSPORT is not set: this deployment has no way to send email')
  }
  return outboxTransport(resolve(config().dataDir, 'outbox'))
}
