import { isIP } from 'node:net'

/**
 * Scrubs what must never reach a log line: bearer tokens and JWTs, API keys and other long secrets, and
 * IP addresses (PDPA: a raw IP is personal data).
 */
const PATTERNS: readonly [RegExp, string | ((match: string) => string)][] = [
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, '[jwt]'],
  [/\bbearer\s+[^\s"',;]+/gi, 'Bearer [secret]'],
  [/\b(x-api-key|api[-_]?key|token|authorization)(["'\s:=]+)[^\s"',;]+/gi, '$1$2[secret]'],
  // Anything shaped like an address that node:net accepts as one, v4 or v6.
  [/[0-9A-Fa-f]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|\b\d{1,3}(?:\.\d{1,3}){3}\b/g, (m) => (isIP(m) ? '[ip]' : m)],
  [/\b[A-Za-z0-9_+/=-]{32,}\b/g, '[secret]'],
]

/** The text with tokens, keys and IP addresses replaced by placeholders. */
export function redact(text: string): string {
  return PATTERNS.reduce(
    (out, [pattern, replacement]) =>
      typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement),
    text,
  )
}
