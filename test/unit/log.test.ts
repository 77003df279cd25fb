import { describe, expect, it, vi } from 'vitest'
import { log, logLine } from '../../functions/log.js'
import { countMetric, ROLLUP_COMPLETED_METRIC } from '../../shared/metrics.js'

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw'

describe('the log line', () => {
  it.each([
    {
      name: 'level, message and fields in one JSON object, in that order',
      line: logLine('info', 'rollup', { days: ['2026-12-01'], changed: 3 }),
      expected: '{"level":"info","msg":"rollup","days":["2026-12-01"],"changed":3}',
    },
    { name: 'no fields', line: logLine('warn', 'slow'), expected: '{"level":"warn","msg":"slow"}' },
    {
      name: 'an Error value: its message, redacted',
      line: logLine('error', 'report failed', {
        month: '2026-11',
        error: new Error(`from 203.0.113.9 ${TOKEN}`),
      }),
      expected: '{"level":"error","msg":"report failed","month":"2026-11","error":"from [ip] [jwt]"}',
    },
    {
      name: 'error and detail strings are redacted',
      line: logLine('error', 'unhandled error', {
        error: 'TypeError',
        detail: `Bearer ${TOKEN} at 198.51.100.7`,
      }),
      expected:
        '{"level":"error","msg":"unhandled error","error":"TypeError","detail":"Bearer [secret] at [ip]"}',
    },
    {
      name: 'other fields are written as given (ids, URLs)',
      line: logLine('info', 'catalog sync', { source: 'https://data.example.go.th/', agencies: 147 }),
      expected: '{"level":"info","msg":"catalog sync","source":"https://data.example.go.th/","agencies":147}',
    },
  ])('$name', ({ line, expected }) => {
    expect(line).toBe(expected)
    expect(() => JSON.parse(line)).not.toThrow()
  })
})

describe('the rollup metric', () => {
  it('is one Embedded Metric Format line of its own on stdout, counting one finished rollup', () => {
    const written: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
    try {
      log.metric(countMetric(ROLLUP_COMPLETED_METRIC, 1_796_180_400_000))
    } finally {
      spy.mockRestore()
    }
    expect(written).toHaveLength(1)
    expect(written[0]?.endsWith('\n')).toBe(true)
    expect(JSON.parse(written[0] as string)).toEqual({
      _aws: {
        Timestamp: 1_796_180_400_000,
        CloudWatchMetrics: [
          {
            Namespace: 'OgdRankings',
            Dimensions: [[]],
            Metrics: [{ Name: 'RollupsCompleted', Unit: 'Count' }],
          },
        ],
      },
      RollupsCompleted: 1,
    })
  })
})
