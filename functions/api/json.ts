import type { Context } from 'hono'

/** Lists at least this long are serialised once and the bytes kept with the list. */
const KEEP_FROM = 200
const serialised = new WeakMap<object, Buffer>()

const fragment = (value: unknown): Buffer => {
  if (!Array.isArray(value) || value.length < KEEP_FROM) return Buffer.from(JSON.stringify(value))
  let bytes = serialised.get(value)
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(value))
    serialised.set(value, bytes)
  }
  return bytes
}

/**
 * The JSON of an answer object as UTF-8 bytes, as `JSON.stringify` writes it, with each long list at its top
 * level serialised and encoded once per list. The read model hands every request the same cached lists (never
 * changed once built) until their counts change; serialising a 1,000-agency ranking, checking the text and
 * encoding it was most of a warm request's time.
 */
export function jsonBytes(value: object): Buffer {
  const parts: Buffer[] = []
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function') continue
    parts.push(Buffer.from(`${parts.length === 0 ? '{' : ','}${JSON.stringify(key)}:`), fragment(v))
  }
  parts.push(Buffer.from(parts.length === 0 ? '{}' : '}'))
  return Buffer.concat(parts)
}

/** Answers like `c.json(value)`, serialising long lists once (see `jsonBytes`). */
export function jsonAnswer(c: Context, value: object) {
  const bytes = jsonBytes(value)
  const view = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength)
  return c.body(view, 200, { 'Content-Type': 'application/json' })
}
