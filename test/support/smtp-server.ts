import type { AddressInfo } from 'node:net'
import smtp from 'smtp-server'

/** A message the SMTP server accepted: its envelope and its bytes. */
export interface ReceivedMessage {
  from: string
  to: string[]
  raw: string
}

export interface TestSmtpServer {
  url: string
  messages: ReceivedMessage[]
  /** Recipients the server refuses (550) until removed. */
  rejecting: Set<string>
  close(): Promise<void>
}

/** A real SMTP server (the `smtp-server` package) on a free port, keeping what it receives. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = []
  const rejecting = new Set<string>()
  const server = new smtp.SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rejecting.has(address.address)) {
        const error = Object.assign(new Error(`Mailbox ${address.address} unavailable`), {
          responseCode: 550,
        })
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejecting,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
