import { redact } from './auth/redact.js'

/**
 * The product's one logger: a JSON line per event, `{"level", "msg", ...fields}`, on stdout (info) or stderr
 * (warn, error), which CloudWatch Logs indexes field by field. Error messages can carry what a caller sent
 * (tokens, addresses): an `Error` value, and the `error` and `detail` fields, are redacted.
 */
export type LogFields = Record<string, unknown>
type Level = 'info' | 'warn' | 'error'

const REDACTED_FIELDS = new Set(['error', 'detail'])

/** The log line of an event, as written. */
export function logLine(level: Level, msg: string, fields: LogFields = {}): string {
  const safe = Object.fromEntries(
    Object.entries(fields).map(([key, value]) => {
      if (value instanceof Error) return [key, redact(value.message)]
      if (typeof value === 'string' && REDACTED_FIELDS.has(key)) return [key, redact(value)]
      return [key, value]
    }),
  )
  return JSON.stringify({ level, msg, ...safe })
}

export const log = {
  info: (msg: string, fields?: LogFields) => console.log(logLine('info', msg, fields)),
  warn: (msg: string, fields?: LogFields) => console.error(logLine('warn', msg, fields)),
  error: (msg: string, fields?: LogFields) => console.error(logLine('error', msg, fields)),
  /**
   * A CloudWatch Embedded Metric Format object, as the whole line on stdout: Lambda's JSON log format wraps what
   * console methods print, and CloudWatch extracts metrics only from a line that is the object itself.
   */
  metric: (emf: LogFields) => void process.stdout.write(`${JSON.stringify(emf)}\n`),
}
