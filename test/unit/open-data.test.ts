import { describe, expect, it } from 'vitest'
import { dcatCatalog, OPEN_DATA_LICENSE } from '../../shared/open-data/dcat.js'
import { openDataPage } from '../../shared/open-data/page.js'
import {
  type OpenPeriod,
  openPeriodSegment,
  type PublishedPeriod,
  parseOpenPeriod,
  reportMonthOf,
} from '../../shared/open-data/periods.js'
import {
  dataDictionaryCsv,
  OPEN_AGENCY_COLUMNS,
  OPEN_DATASET_COLUMNS,
} from '../../shared/open-data/tables.js'

describe('open data periods', () => {
  it.each([
    ['2026-11', { kind: 'month', month: '2026-11' }],
    ['fy2569', { kind: 'fy', fy: 2569 }],
    ['2026-13', undefined],
    ['2026-1', undefined],
    ['fy2026x', undefined],
    ['fy66', undefined],
    ['FY2569', undefined],
    ['fy1999', undefined],
    ['latest', undefined],
    ['', undefined],
  ] as [string, OpenPeriod | undefined][])('reads "%s" as %o', (segment, expected) => {
    const p = parseOpenPeriod(segment)
    expect(p).toEqual(expected)
    if (p) expect(openPeriodSegment(p)).toBe(segment)
  })

  it.each([
    [{ kind: 'month', month: '2026-11' }, '2026-11'],
    [{ kind: 'fy', fy: 2569 }, '2026-09'],
    [{ kind: 'fy', fy: 2566 }, '2023-09'],
  ] as [OpenPeriod, string][])('reads %o from the report of %s', (p, month) => {
    expect(reportMonthOf(p)).toBe(month)
  })
})

describe('the data dictionary', () => {
  const lines = dataDictionaryCsv().slice(1).split('\r\n').slice(0, -1)

  it('lists every public column of both files once, with a description', () => {
    const listed = lines.slice(1).map((l) => l.split(',').slice(0, 2).join(' '))
    expect(listed).toEqual([
      ...OPEN_AGENCY_COLUMNS.map((c) => `agencies.csv ${c.key}`),
      ...OPEN_DATASET_COLUMNS.map((c) => `datasets.csv ${c.key}`),
    ])
    for (const line of lines.slice(1)) expect(line.endsWith(','), line).toBe(false)
  })

  it('publishes no review, award count or target column', () => {
    const keys = [...OPEN_AGENCY_COLUMNS, ...OPEN_DATASET_COLUMNS].map((c) => c.key)
    for (const secret of ['review', 'awardCount', 'target', 'targetPercent', 'cutoff', 'projection']) {
      expect(keys).not.toContain(secret)
    }
  })
})

const published: PublishedPeriod[] = [
  {
    period: { kind: 'fy', fy: 2569 },
    reportMonth: '2026-09',
    version: 2,
    generatedAt: '2026-10-05T03:00:00.000Z',
    countingRules: 'counting-v1',
    certifiedAt: '2026-10-10T03:00:00.000Z',
  },
  {
    period: { kind: 'month', month: '2026-11' },
    reportMonth: '2026-11',
    version: 1,
    generatedAt: '2026-11-30T19:00:00.000Z',
    countingRules: 'counting-v1',
  },
]

describe('the DCAT catalog', () => {
  const doc = dcatCatalog('https://example.org', published)
  const graph = doc['@graph'] as Record<string, unknown>[]
  const ofType = (t: string) => graph.filter((n) => n['@type'] === t)

  it('has one catalog naming one dataset per published period', () => {
    const [catalog] = ofType('dcat:Catalog')
    expect(catalog?.['dcat:dataset']).toEqual([
      { '@id': 'https://example.org/open-data/?period=fy2569' },
      { '@id': 'https://example.org/open-data/?period=2026-11' },
    ])
    expect(ofType('dcat:Dataset').map((d) => d['dct:identifier'])).toEqual([
      'ogd-rankings-usage-fy2569',
      'ogd-rankings-usage-2026-11',
    ])
  })

  it("covers each period's days in Bangkok time, and dates a year by its certification", () => {
    const [year, month] = ofType('dcat:Dataset')
    expect(year?.['dct:temporal']).toMatchObject({
      'dcat:startDate': { '@value': '2025-10-01' },
      'dcat:endDate': { '@value': '2026-09-30' },
    })
    expect(month?.['dct:temporal']).toMatchObject({
      'dcat:startDate': { '@value': '2026-11-01' },
      'dcat:endDate': { '@value': '2026-11-30' },
    })
    expect(year?.['dct:issued']).toEqual({ '@value': '2026-10-10T03:00:00.000Z', '@type': 'xsd:dateTime' })
  })

  it('describes every distribution once, with its download URL, media type, format and licence', () => {
    const distributions = ofType('dcat:Distribution')
    expect(distributions.map((d) => d['@id'])).toEqual([
      'https://example.org/open-data/fy2569/agencies.csv',
      'https://example.org/open-data/fy2569/datasets.csv',
      'https://example.org/open-data/dictionary.csv',
      'https://example.org/open-data/2026-11/agencies.csv',
      'https://example.org/open-data/2026-11/datasets.csv',
    ])
    for (const d of distributions) {
      expect(d).toMatchObject({
        'dcat:downloadURL': { '@id': d['@id'] },
        'dcat:mediaType': 'text/csv',
        'dct:format': 'CSV',
        'dct:license': { '@id': OPEN_DATA_LICENSE },
      })
    }
  })

  it('is an empty catalog when nothing is published', () => {
    const empty = dcatCatalog('https://example.org', [])
    expect(empty['@graph'].filter((n) => n['@type'] === 'dcat:Dataset')).toEqual([])
  })
})

describe('the leaderboard page', () => {
  it('says nothing is published yet, in the language asked', () => {
    const th = openDataPage({ lang: 'th', published: [] })
    expect(th).toContain('<html lang="th">')
    expect(th).toContain('data-testid="open-data-empty"')
    expect(th).toContain('href="/open-data/?lang=en"')
    const en = openDataPage({ lang: 'en', published: [] })
    expect(en).toContain('<html lang="en">')
    expect(en).toContain('Nothing is published yet')
    expect(en).toContain('href="/open-data/"')
  })
})
