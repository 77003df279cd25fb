import { describe, expect, it } from 'vitest'
import { printable } from '../../shared/printable.js'

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
