import { describe, expect, it } from 'vitest'
import { downloadUrl, MAX_URL_LENGTH } from '../../shared/urls.js'

describe('a catalog URL as a download redirect', () => {
  it.each([
    [
      'a Thai file name, percent-encoded',
      'https://data.go.th/dataset/x/resource/y/download/ข้อมูลประชากร ปี 2566.csv',
      'https://data.go.th/dataset/x/resource/y/download/%E0%B8%82%E0%B9%89%E0%B8%AD%E0%B8%A1%E0%B8%B9%E0%B8%A5%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B2%E0%B8%81%E0%B8%A3%20%E0%B8%9B%E0%B8%B5%202566.csv',
    ],
    ['a Thai host name, in punycode', 'https://data.ไทย/file.csv', 'https://data.xn--o3cw4h/file.csv'],
    [
      'an already encoded URL, unchanged',
      'https://a.example/f%20x.csv?q=1#top',
      'https://a.example/f%20x.csv?q=1#top',
    ],
    ['plain http with a port', 'http://a.example:8080/x.xlsx', 'http://a.example:8080/x.xlsx'],
    ['surrounding spaces trimmed', '  https://a.example/x.csv  ', 'https://a.example/x.csv'],
  ])('keeps %s', (_, raw, url) => {
    expect(downloadUrl(raw)).toEqual({ ok: true, url })
  })

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)', 'not an absolute http(s) URL'],
    ['data:', 'data:text/html,<script>alert(1)</script>', 'not an absolute http(s) URL'],
    ['protocol-relative', '//evil.example/x.csv', 'not an absolute http(s) URL'],
    ['relative', '/download/x.csv', 'not an absolute http(s) URL'],
    ['ftp', 'ftp://files.example/x.csv', 'not an absolute http(s) URL'],
    [
      'CR/LF (header splitting)',
      'https://a.example/x.csv\r\nSet-Cookie: a=b',
      'control characters in the URL',
    ],
    ['a tab', 'https://a.example/x\t.csv', 'control characters in the URL'],
    ['a NUL', 'https://a.example/x\u0000.csv', 'control characters in the URL'],
    ['credentials', 'https://user:secret@a.example/x.csv', 'credentials in the URL'],
    ['no host', 'https://', 'not a valid URL'],
    ['empty', '', 'no URL'],
    [
      'too long',
      `https://a.example/${'x'.repeat(MAX_URL_LENGTH)}`,
      `URL longer than ${MAX_URL_LENGTH} characters`,
    ],
  ])('refuses %s', (_, raw, reason) => {
    expect(downloadUrl(raw)).toEqual({ ok: false, reason })
  })

  it('never gives a Location header Node would refuse', () => {
    for (const raw of [
      'https://a.example/ไฟล์ ข้อมูล.csv',
      'https://a.example/é/ü?q=ก ข',
      'https://a.example/\u202Ex.csv',
    ]) {
      const result = downloadUrl(raw)
      if (!result.ok) throw new Error(result.reason)
      expect(result.url).toMatch(/^[\x21-\x7e]+$/)
    }
  })
})
