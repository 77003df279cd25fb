import { describe, expect, it } from 'vitest'
import {
  type CertificationContent,
  type CertifiedEntry,
  CODE_ALPHABET,
  canonicalJson,
  codeCheckChar,
  codeFromBytes,
  formatCode,
  normalizeCode,
  verificationUrl,
} from '../../shared/certification.js'
import { contentSha256 } from '../../shared/certification-hash.js'

describe('canonical JSON of certified results', () => {
  it.each([
    [
      'keys in code-unit order, no spaces',
      { b: 1, a: [true, null], C: 'x' },
      '{"C":"x","a":[true,null],"b":1}',
    ],
    ['nested objects sorted too', { z: { y: 1, x: 2 } }, '{"z":{"x":2,"y":1}}'],
    ['undefined members left out', { a: undefined, b: 0 }, '{"b":0}'],
    ['Thai text as is, quotes escaped', { th: 'กรม "ทดสอบ"' }, '{"th":"กรม \\"ทดสอบ\\""}'],
    ['array order kept', [3, 1, 2], '[3,1,2]'],
    ['negative and zero', { n: -5, z: 0 }, '{"n":-5,"z":0}'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected)
  })

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [() => 1], [Symbol('s')]])('refuses %s', (value) => {
    expect(() => canonicalJson({ value })).toThrow(TypeError)
  })
})

describe('the content hash', () => {
  const content: CertificationContent = {
    fy: 2566,
    countingRules: 'counting-v1',
    programme: { categories: [{ id: 'agency-plaque', subject: 'agency', places: 1 }] },
    categories: [
      {
        id: 'agency-plaque',
        subject: 'agency',
        metric: 'downloads',
        places: 1,
        qualifying: 1,
        cutoff: 10,
        ties: false,
        standings: [
          {
            rank: 1,
            id: 'a',
            agencyId: 'a',
            name: { th: 'กรมทดสอบ', en: 'Test' },
            downloads: 10,
            uniqueDownloads: 5,
            awarded: true,
            tiedAtCutoff: false,
          },
        ],
      },
    ],
    reviews: [],
  }

  it('is the SHA-256 of the canonical JSON, whatever the order of keys', () => {
    const reordered = JSON.parse(canonicalJson(content)) as CertificationContent
    expect(contentSha256(reordered)).toBe(contentSha256(content))
    expect(contentSha256(content)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('ignores who certified and when, so the same figures give the same hash', () => {
    const stamped = { ...content, certifiedBy: 'someone', certifiedAt: '2026-12-03T00:00:00Z', version: 3 }
    expect(contentSha256(stamped)).toBe(contentSha256(content))
  })

  const first = (c: CertificationContent) => c.categories[0]?.standings[0] as CertifiedEntry
  it.each([
    [
      'a count',
      (c: CertificationContent) => {
        first(c).downloads = 11
      },
    ],
    ['the counting rules', (c: CertificationContent) => (c.countingRules = 'counting-v2')],
    [
      'a name',
      (c: CertificationContent) => {
        first(c).name.th = 'กรม'
      },
    ],
    [
      'a review decision',
      (c: CertificationContent) =>
        c.reviews.push({
          subjectId: 'a',
          subject: 'agency',
          decision: 'cleared',
          reason: 'ok',
          setBy: 'x',
          setAt: 'y',
        }),
    ],
  ])('changes when %s changes', (_what, change) => {
    const changed = JSON.parse(JSON.stringify(content)) as CertificationContent
    change(changed)
    expect(contentSha256(changed)).not.toBe(contentSha256(content))
  })
})

describe('verification codes', () => {
  const bytes = (...values: number[]) => new Uint8Array(values)

  it.each([
    [bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), '0123456789'],
    [bytes(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), 'ABCDEFGHJK'],
    [bytes(31, 63, 95, 127, 159, 191, 223, 255, 32, 64), 'ZZZZZZZZ00'],
  ])('takes one alphabet character per random byte, then a check character', (random, body) => {
    const code = codeFromBytes(random)
    expect(code).toBe(body + codeCheckChar(body))
    expect(code).toHaveLength(11)
    expect(normalizeCode(code)).toBe(code)
  })

  it('uses no I, L, O or U', () => {
    expect(CODE_ALPHABET).toHaveLength(32)
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/)
  })

  it('needs ten random bytes', () => {
    expect(() => codeFromBytes(bytes(1, 2, 3))).toThrow(RangeError)
  })

  const code = codeFromBytes(bytes(10, 11, 12, 13, 14, 15, 16, 17, 18, 19))
  it.each([
    ['lower case', code.toLowerCase(), code],
    ['grouped as printed', formatCode(code), code],
    ['with spaces', code.replace(/(.{4})/g, '$1 '), code],
    [
      'O typed for 0',
      '0123456789'.replace(/0/g, 'O') + codeCheckChar('0123456789'),
      `0123456789${codeCheckChar('0123456789')}`,
    ],
    ['too short', code.slice(0, 10), undefined],
    ['too long', `${code}A`, undefined],
    ['a letter outside the alphabet', `U${code.slice(1)}`, undefined],
    ['one character mistyped', (code[0] === 'A' ? 'B' : 'A') + code.slice(1), undefined],
    ['two neighbours swapped', code[1] + (code[0] as string) + code.slice(2), undefined],
    ['markup', '<script>', undefined],
    ['empty', '', undefined],
  ])('reads a code %s', (_what, input, expected) => {
    expect(normalizeCode(input)).toBe(expected)
  })

  it('catches every single mistyped character', () => {
    for (let i = 0; i < code.length; i++) {
      for (const c of CODE_ALPHABET) {
        if (c === code[i]) continue
        expect(normalizeCode(code.slice(0, i) + c + code.slice(i + 1))).toBeUndefined()
      }
    }
  })

  it('prints in groups of four and links to /verify/', () => {
    expect(formatCode('ABCDEFGHJK1')).toBe('ABCD-EFGH-JK1')
    expect(verificationUrl('https://rankings.example.go.th/', 'ABCDEFGHJK1')).toBe(
      'https://rankings.example.go.th/verify/ABCDEFGHJK1',
    )
  })
})
