import type { MessageKey } from '../../i18n/dga-pages.js'

/** What is wrong with one input, as the reader is told: a message, and the figure it refers to if any. */
export interface InputProblem {
  key: MessageKey
  detail?: number
}

/** A whole number typed into a form, or what is wrong with it. */
export type ParsedNumber = { value: number } | { problem: InputProblem }

// Digits, optionally grouped by commas as people write large numbers ("12,345"); a sign and decimals are read
// only to say precisely what is wrong.
const GROUPED = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/

/**
 * Reads a whole number typed by a person, within bounds the server also enforces: empty, not a number,
 * a fraction, below `min` (negative when `min` is 0) and above `max` each get their own message.
 */
export function parseWholeNumber(text: string, bounds: { min: number; max: number }): ParsedNumber {
  const trimmed = text.trim()
  if (trimmed === '') return { problem: { key: 'errRequired' } }
  if (!GROUPED.test(trimmed)) return { problem: { key: 'errNotNumber' } }
  const value = Number(trimmed.replaceAll(',', ''))
  if (!Number.isInteger(value)) return { problem: { key: 'errWholeNumber' } }
  if (value < bounds.min) {
    return { problem: bounds.min === 0 ? { key: 'errNegative' } : { key: 'errAtLeast', detail: bounds.min } }
  }
  if (value > bounds.max) return { problem: { key: 'errAtMost', detail: bounds.max } }
  return { value }
}
