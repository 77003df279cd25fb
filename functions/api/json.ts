import type { Context } from 'hono'

/** Lists at least this long are serialised once and the text kept with the list. */
const KEEP_FROM = 200
const serialised = new WeakMap<object, string>()

const fragment = (value: unknown): string => {
  if (!Array.isArray(value) || value.length < KEEP_FROM) return JSON.stringify(value)
  let text = serialised.get(value)
  if (text === undefined) {
    text = JSON.stringify(value)
    serialised.set(value, text)
  }
  return text
}

/**
 * The JSON of an answer object, as `JSON.stringify` writes it, with each long list at its top level serialised
 * once per list. The read model hands every request the same cached lists (never changed once built) until
 * their counts change, and serialising a 1,000-agency ranking was most of a warm request's time.
 */
export function jsonText(value: Record<string, unknown>): string {
  const members: string[] = []
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function') continue
    members.push(`${JSON.stringify(key)}:${fragment(v)}`)
  }
  return `{${members.join(',')}}`
}

/** Answers like `c.json(value)`, serialising long lists once (see `jsonText`). */
export const jsonAnswer = (c: Context, value: Record<string, unknown>) =>
  c.body(jsonText(value), 200, { 'Content-Type': 'application/json' })
