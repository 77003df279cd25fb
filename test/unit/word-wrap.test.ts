import { describe, expect, it } from 'vitest'
import { breakableParts, lineLength, wrapLabel } from '../../shared/word-wrap.js'

describe('where Thai text may break (Intl.Segmenter words)', () => {
  it.each([
    ['สำนักงานสถิติแห่งชาติ', ['สำนักงาน', 'สถิติ', 'แห่ง', 'ชาติ']],
    ['กรมการปกครอง (ปค.)', ['กรม', 'การ', 'ปกครอง (ปค.)']],
    ['เจ้าหน้าที่', ['เจ้า', 'หน้าที่']],
    ['น้ำประปา', ['น้ำ', 'ประปา']],
    ['Department of Provincial Administration', ['Department of Provincial Administration']],
    ['สำนักงาน 2566', ['สำนักงาน 2566']],
    ['', []],
  ])('splits "%s" between Thai words only', (text, parts) => {
    expect(breakableParts(text)).toEqual(parts)
    expect(breakableParts(text).join('')).toBe(text)
  })

  it.each([
    ['กา', 2],
    ['กำ', 2],
    ['นั้น', 2],
    ['ผู้ใหญ่', 4],
    ['Office', 6],
  ])('"%s" takes %i characters of a line (marks above and below take none)', (text, length) => {
    expect(lineLength(text)).toBe(length)
  })
})

describe('a label wrapped into lines by words', () => {
  it.each<[string, number, number | undefined, string[]]>([
    ['สำนักงานสถิติแห่งชาติ', 16, undefined, ['สำนักงานสถิติแห่งชาติ']],
    ['สำนักงานสถิติแห่งชาติ', 10, undefined, ['สำนักงานสถิติ', 'แห่งชาติ']],
    ['สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)', 12, 2, ['สำนักงานพัฒนา', 'รัฐบาลดิจิทัล…']],
    [
      'Department of Provincial Administration',
      16,
      undefined,
      ['Department of', 'Provincial', 'Administration'],
    ],
    ['Department of Provincial Administration', 16, 2, ['Department of', 'Provincial…']],
    ['  กรมการปกครอง  ', 20, undefined, ['กรมการปกครอง']],
    ['สำนักงานคณะกรรมการ', 3, undefined, ['สำนักงาน', 'คณะ', 'กรรมการ']],
  ])('"%s" in lines of %i (at most %s)', (text, width, maxLines, lines) => {
    expect(wrapLabel(text, width, maxLines)).toEqual(lines)
  })

  it('never cuts a word: every line is whole words of the text, in order', () => {
    const text = 'สำนักงานคณะกรรมการพัฒนาการเศรษฐกิจและสังคมแห่งชาติ'
    const words = breakableParts(text)
    const lines = wrapLabel(text, 12)
    expect(lines.join('')).toBe(text)
    let at = 0
    for (const line of lines) {
      expect(words.slice(at).join('').startsWith(line)).toBe(true)
      at += breakableParts(line).length
      expect(words.slice(0, at).join('').endsWith(line)).toBe(true)
    }
  })
})
