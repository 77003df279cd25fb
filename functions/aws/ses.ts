import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2'
import { config } from '../config.js'

let client: SESv2Client | undefined

/** Sends a complete RFC 5322 message through Amazon SES; answers the message id SES gave it. */
export async function sendRawEmail(message: { from: string; to: string; raw: Uint8Array }): Promise<string> {
  client ??= new SESv2Client({ region: config().region })
  const out = await client.send(
    new SendEmailCommand({
      FromEmailAddress: message.from,
      Destination: { ToAddresses: [message.to] },
      Content: { Raw: { Data: message.raw } },
    }),
  )
  if (!out.MessageId) throw new Error('SES accepted the message without a message id')
  return out.MessageId
}
