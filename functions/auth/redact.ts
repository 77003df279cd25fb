/**
 * Scrubs what must never reach a log line: bearer tokens and JWTs, API keys and other long secrets, and
 * IP addresses (PDPA: a raw IP is personal data).
 */
const PATTERNS: readonly [RegExp, string][] = [
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, '[jwt]'],
  [/\b(bearer|x-api-key|api[-_]?key|token|authorization)(["'\s:=]+)[^\s"',;]+/gi, '$1$2[secret]'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '[ip]'],
  [/(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?![\w:])/gi, '[ip]'],
  [/(?<![\w:])::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4}(?![\w:])/gi, '[ip]'],
  [/\b[A-Za-z0-9_+/=-]{32,}\b/g, '[secret]'],
]

/** The text with tokens, keys and IP addresses replaced by placeholders. */
export function redact(text: string): string {
  return PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text)
}
