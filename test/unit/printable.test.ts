import { describe, expect, it } from 'vitest'
import { catalogText, printable } from '../../shared/printable.js'

describe('text from outside, printed on one log line', () => {
  it.each([
    ['plain Thai and English stay as they are', 'ไม่พบชุดข้อมูล: Not found', 'ไม่พบชุดข้อมูล: Not found'],
    [
      'a forged second log line',
      'bad\n{"level":"info","msg":"admin login"}',
      'bad\\u{a}{"level":"info","msg":"admin login"}',
    ],
    ['CR', 'a\rb', 'a\\u{d}b'],
    ['an ANSI escape', '\u001b[31mred\u001b[0m', '\\u{1b}[31mred\\u{1b}[0m'],
    ['a right-to-left override', 'file\u202Etxt.exe', 'file\\u{202e}txt.exe'],
    ['a zero-width space', 'a\u200Bb', 'a\\u{200b}b'],
    ['a C1 control', 'a\u0085b', 'a\\u{85}b'],
  ])('%s', (_, text, shown) => {
    expect(printable(text)).toBe(shown)
  })

  it('cuts long text, saying so', () => {
    const shown = printable('x'.repeat(70_000), 100)
    expect(shown).toHaveLength(100)
    expect(shown.endsWith('…')).toBe(true)
  })
})

describe('catalog titles and names as the product keeps them', () => {
  it.each([
    ['a Thai title is kept', 'สถิติประชากร ปี 2566', 'สถิติประชากร ปี 2566', false],
    [
      'a line break becomes a space (no folded email subject)',
      'Title\r\nBcc: all@example.go.th',
      'Title Bcc: all@example.go.th',
      false,
    ],
    ['bidi overrides and zero-width characters go', 'a\u202Eb\u200Bc\uFEFF', 'abc', false],
    ['spaces collapse', '  many    spaces  ', 'many spaces', false],
  ])('%s', (_, raw, text, cut) => {
    expect(catalogText(raw)).toEqual({ text, cut })
  })

  it('cuts a 70,000-character title to 500 characters, never inside a Thai character', () => {
    const { text, cut } = catalogText('ก่'.repeat(35_000))
    expect(cut).toBe(true)
    const graphemes = [...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(text)]
    expect(graphemes).toHaveLength(500)
    expect(text.endsWith('ก่…')).toBe(true)
  })
})

describe('catalog text made of stacked marks', () => {
  it('is bounded too', () => {
    const { text, cut } = catalogText(`a${'\u0301'.repeat(70_000)}`)
    expect(cut).toBe(true)
    expect(text.length).toBeLessThanOrEqual(4_001)
  })
})
