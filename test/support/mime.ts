/** Just enough MIME reading for tests: headers (unfolded, RFC 2047 words decoded) and decoded text parts. */
export interface ParsedMessage {
  headers: Map<string, string>
  /** Leaf parts: decoded text, and the bytes (an attachment's). */
  parts: { contentType: string; body: string; bytes: Buffer; filename?: string }[]
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  )
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

function splitHead(raw: string): { head: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n')
  const headText = raw.slice(0, end)
  const body = raw.slice(end + 4)
  const head = new Map<string, string>()
  for (const line of headText.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':')
    head.set(line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1).trim()))
  }
  return { head, body }
}

function partsOf(raw: string): ParsedMessage['parts'] {
  const { head, body } = splitHead(raw)
  const contentType = head.get('content-type') ?? 'text/plain'
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1]
  if (contentType.startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1, -1)
      .flatMap((part) => partsOf(part.replace(/^\r\n/, '')))
  }
  const encoding = head.get('content-transfer-encoding')?.toLowerCase()
  const bytes = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : undefined
  const decoded = bytes
    ? bytes.toString('utf8')
    : encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : body
  const filename = /filename="?([^";]+)"?/.exec(head.get('content-disposition') ?? '')?.[1]
  return [
    {
      contentType: contentType.split(';')[0] as string,
      body: decoded,
      bytes: bytes ?? Buffer.from(decoded, 'utf8'),
      ...(filename ? { filename } : {}),
    },
  ]
}

/** Parses a message as composed by nodemailer (CRLF line ends). */
export function parseMessage(raw: string): ParsedMessage {
  return { headers: splitHead(raw).head, parts: partsOf(raw) }
}

/** The decoded body of the first part of a content type. */
export function partOf(message: ParsedMessage, contentType: string): string {
  const part = message.parts.find((p) => p.contentType === contentType)
  if (!part) throw new Error(`No ${contentType} part`)
  return part.body
}
