/**
 * RFC 4180 records of a CSV text, each with the line it starts on (a quoted field may span lines), so a history
 * file's errors name the line a person finds in an editor. A byte order mark and CRLF or LF endings are accepted.
 */

/** One record of a CSV text: its fields, and the 1-based line it starts on. */
export interface CsvRecord {
  line: number
  fields: string[]
}

/** A record that could not be read (an unterminated quote, text after a closing quote). */
export interface CsvRecordError {
  line: number
  error: string
}

/** Splits a CSV text into records; blank lines are skipped. */
export function csvRecords(text: string): (CsvRecord | CsvRecordError)[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const out: (CsvRecord | CsvRecordError)[] = []
  let line = 1
  let i = 0
  while (i < input.length) {
    const start = line
    const fields: string[] = []
    let field = ''
    let error: string | undefined
    for (;;) {
      if (input[i] === '"' && field === '') {
        const close = readQuoted(input, i + 1)
        if (close === undefined) {
          error = 'a quoted field is never closed'
          i = input.length
          break
        }
        field = close.value
        line += close.newlines
        i = close.end
        if (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') {
          error = 'text after a closing quote'
          while (i < input.length && input[i] !== '\n') i++
        }
      } else {
        while (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r')
          field += input[i++]
      }
      if (input[i] === ',') {
        fields.push(field)
        field = ''
        i++
        continue
      }
      fields.push(field)
      if (input[i] === '\r') i++
      if (input[i] === '\n') i++
      line++
      break
    }
    if (error) out.push({ line: start, error })
    else if (!(fields.length === 1 && fields[0]?.trim() === '')) out.push({ line: start, fields })
  }
  return out
}

/** A quoted field's value from just after its opening quote: its end (after the closing quote) and newlines. */
function readQuoted(
  input: string,
  from: number,
): { value: string; end: number; newlines: number } | undefined {
  let value = ''
  let newlines = 0
  for (let i = from; i < input.length; i++) {
    const c = input[i]
    if (c === '"') {
      if (input[i + 1] === '"') {
        value += '"'
        i++
        continue
      }
      return { value, end: i + 1, newlines }
    }
    if (c === '\n') newlines++
    value += c
  }
  return undefined
}

/** Whether a parsed record is an error. */
export const isRecordError = (r: CsvRecord | CsvRecordError): r is CsvRecordError => 'error' in r
