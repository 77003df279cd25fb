import { describe, expect, it } from 'vitest'
import { parseCloudFrontLine, parseNginxLine } from '../../functions/import/log-lines.js'

const RID = '0b6c7d2e-1f3a-4b5c-8d9e-0a1b2c3d4e5f'
const path = `/dataset/population-2565/resource/${RID}/download/population.csv`

describe('nginx combined log lines', () => {
  it('reads a download with its instant, client and user agent', () => {
    const line = `203.0.113.9 - - [31/Oct/2022:23:59:58 +0700] "GET ${path} HTTP/1.1" 200 5120 "https://data.go.th/" "Mozilla/5.0 (X11) \\"quoted\\""`
    expect(parseNginxLine(line)).toEqual({
      kind: 'download',
      download: {
        resourceId: RID,
        datasetRef: 'population-2565',
        occurredAt: '2022-10-31T23:59:58+07:00',
        clientIp: '203.0.113.9',
        userAgent: 'Mozilla/5.0 (X11) "quoted"',
      },
    })
  })

  it.each([
    ['a page view', `1.2.3.4 - - [01/Nov/2022:10:00:00 +0700] "GET /dataset/x HTTP/1.1" 200 1 "-" "ua"`],
    ['a failed download', `1.2.3.4 - - [01/Nov/2022:10:00:00 +0700] "GET ${path} HTTP/1.1" 404 1 "-" "ua"`],
    ['a partial download', `1.2.3.4 - - [01/Nov/2022:10:00:00 +0700] "GET ${path} HTTP/1.1" 206 1 "-" "ua"`],
    ['a HEAD request', `1.2.3.4 - - [01/Nov/2022:10:00:00 +0700] "HEAD ${path} HTTP/1.1" 200 0 "-" "ua"`],
    ['an empty line', '   '],
  ])('skips %s', (_, line) => expect(parseNginxLine(line)).toEqual({ kind: 'skip' }))

  it('counts a 304 as a download (COUNTER)', () => {
    const line = `1.2.3.4 - - [01/Nov/2022:10:00:00 +0700] "GET ${path} HTTP/1.1" 304 0 "-" "curl/8"`
    expect(parseNginxLine(line).kind).toBe('download')
  })

  it('reads the common format without referer and user agent (an empty user agent: a robot later)', () => {
    const line = `1.2.3.4 - - [01/Nov/2022:10:00:00 +0700] "GET ${path} HTTP/1.1" 200 10`
    expect(parseNginxLine(line)).toMatchObject({ kind: 'download', download: { userAgent: '' } })
  })

  it.each([
    ['garbage', 'this is not a log line'],
    ['a bad month', `1.2.3.4 - - [01/Foo/2022:10:00:00 +0700] "GET ${path} HTTP/1.1" 200 1 "-" "ua"`],
    ['an impossible date', `1.2.3.4 - - [31/Feb/2022:10:00:00 +0700] "GET ${path} HTTP/1.1" 200 1 "-" "ua"`],
    [
      'bad URL encoding',
      `1.2.3.4 - - [01/Nov/2022:10:00:00 +0700] "GET /dataset/%E0%A4/resource/r/download/f HTTP/1.1" 200 1 "-" "ua"`,
    ],
  ])('reports %s as invalid', (_, line) => expect(parseNginxLine(line).kind).toBe('invalid'))
})

describe('CloudFront standard log lines', () => {
  const cf = (over: Partial<Record<number, string>> = {}) => {
    const cells = [
      '2022-10-31',
      '17:00:01',
      'BKK50-C1',
      '5120',
      '198.51.100.4',
      'GET',
      'd1.cloudfront.net',
      path,
      '200',
      '-',
      'Mozilla/5.0%20(Windows%20NT%2010.0)',
      '-',
    ]
    for (const [i, v] of Object.entries(over)) cells[Number(i)] = v as string
    return cells.join('\t')
  }

  it('reads a download; its UTC instant is already November in Bangkok', () => {
    expect(parseCloudFrontLine(cf())).toEqual({
      kind: 'download',
      download: {
        resourceId: RID,
        datasetRef: 'population-2565',
        occurredAt: '2022-10-31T17:00:01Z',
        clientIp: '198.51.100.4',
        userAgent: 'Mozilla/5.0 (Windows NT 10.0)',
      },
    })
  })

  it('follows the columns of a #Fields header', () => {
    const fields = ['date', 'time', 'c-ip', 'cs-method', 'cs-uri-stem', 'sc-status', 'cs(User-Agent)']
    const line = ['2022-11-01', '00:00:00', '192.0.2.1', 'GET', path, '200', 'curl/8.0'].join('\t')
    expect(parseCloudFrontLine(line, fields)).toMatchObject({
      kind: 'download',
      download: { userAgent: 'curl/8.0' },
    })
  })

  it.each([
    ['a comment', 'skip', '#Version: 1.0'],
    ['a 403', 'skip', cf({ 8: '403' })],
    ['a truncated line', 'invalid', '2022-10-31\t17:00:01'],
    ['a bad time', 'invalid', cf({ 1: '25:61:00' })],
    ['a bad date', 'invalid', cf({ 0: '2022-02-30' })],
  ])('treats %s as %s', (_, kind, line) => expect(parseCloudFrontLine(line).kind).toBe(kind))
})
