/** A cell of a report table: text, a number, or nothing. */
export type Cell = string | number | null

/** Excel's byte order mark: without it Excel reads UTF-8 (Thai) as a legacy code page. */
export const UTF8_BOM = '\uFEFF'

/**
 * Characters that make a spreadsheet read a cell as a formula (`= + - @`) or that some treat as one after
 * trimming (tab, carriage return): OWASP's CSV injection list.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** A text cell made inert: a leading `'` keeps a spreadsheet from running it as a formula. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/**
 * One CSV field (RFC 4180): numbers as they are (a negative number is data, not a formula), text neutralised,
 * then quoted when it holds a quote, comma, line break or a neutralised formula, quotes doubled.
 */
export function csvField(value: Cell): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = neutralise(value)
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replaceAll('"', '""')}"` : text
}

/** A CSV file: UTF-8 byte order mark, a header line, CRLF after every record (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','))
  return `${UTF8_BOM}${lines.map((l) => `${l}\r\n`).join('')}`
}
