import { describe, expect, it } from 'vitest'
import { csvRecords } from '../../shared/legacy/csv-records.js'
import { curveSource, type LegacyFigure, monthlyFromTotals } from '../../shared/legacy/earlier-counts.js'
import { type HistoryCatalog, readMonthlyCsv, readTrackingCsv } from '../../shared/legacy/history-files.js'

const catalog: HistoryCatalog = {
  dataset: (ref) =>
    ({ 'ds-1': 'ds-1', 'population-2566': 'ds-1', 'ds-2': 'ds-2' })[ref]
      ? { datasetId: ref === 'population-2566' ? 'ds-1' : ref, agencyId: 'ag-1' }
      : undefined,
  resource: (id) =>
    ({ 'r-1a': 'ds-1', 'r-1b': 'ds-1', 'r-2': 'ds-2' })[id]
      ? { datasetId: id === 'r-2' ? 'ds-2' : 'ds-1', agencyId: 'ag-1' }
      : undefined,
}

describe('CSV records', () => {
  it.each([
    [
      'plain lines',
      'a,b\n1,2\n',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'a byte order mark and CRLF',
      '\ufeffa,b\r\n1,2',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    ['quoted commas and quotes', 'x,"a, ""b"""\n', [[1, ['x', 'a, "b"']]]],
    [
      'a quoted field over two lines: the next record starts on line 3',
      '"a\nb",1\nc,2\n',
      [
        [1, ['a\nb', '1']],
        [3, ['c', '2']],
      ],
    ],
    [
      'blank lines skipped, numbers kept',
      'a\n\nb\n',
      [
        [1, ['a']],
        [3, ['b']],
      ],
    ],
  ])('reads %s', (_, text, expected) => {
    expect(csvRecords(text)).toEqual(expected.map(([line, fields]) => ({ line, fields })))
  })

  it('reports an unclosed quote on the line it opens', () => {
    expect(csvRecords('a\n"b,1\nc')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, error: 'a quoted field is never closed' },
    ])
  })
})

describe('a monthly downloads CSV', () => {
  const read = (body: string[]) =>
    readMonthlyCsv(['month,dataset_id,resource_id,downloads', ...body].join('\n'), catalog, '2026-11')

  it("sums a dataset's resources in a month, finding datasets by id or name", () => {
    const file = read(['2026-01,,r-1a,3', '2026-01,,r-1b,4', '2026-02,population-2566,,9'])
    expect(file.bad).toEqual([])
    expect(file.rows).toEqual([
      { datasetId: 'ds-1', agencyId: 'ag-1', month: '2026-01', downloads: 7, lines: [2, 3] },
      { datasetId: 'ds-1', agencyId: 'ag-1', month: '2026-02', downloads: 9, lines: [4] },
    ])
  })

  it.each([
    ['2026-01,ds-1,,1|2026-01,population-2566,,2', 'population-2566 in 2026-01 is already given on line 2'],
    ['2026-01,ds-1,,1|2026-01,,r-1a,2', 'r-1a in 2026-01 is already given on line 2'],
    ['2026-01,,r-2,1|2026-01,,r-2,1', 'r-2 in 2026-01 is already given on line 2'],
    ['2026-12,ds-1,,1', 'month 2026-12 is after 2026-11'],
    ['2026-01,ds-1,r-1a,1', 'give dataset_id or resource_id, not both'],
    ['2026-01,,,1', 'dataset_id or resource_id is needed'],
    ['2026-01,ds-1,,-1', 'downloads "-1" is not a whole number of downloads'],
    ['2026-01,ds-1,,1.5', 'downloads "1.5" is not a whole number of downloads'],
    ['2026-01,,r-9,1', 'no resource "r-9" in the catalog'],
  ])('finds %s bad: %s', (lines, error) => {
    const file = read(lines.split('|'))
    expect(file.bad.at(-1)?.error).toBe(error)
  })

  it('names a missing column in the header', () => {
    expect(readMonthlyCsv('month,downloads\n2026-01,1', catalog, '2026-11').bad).toEqual([
      {
        line: 1,
        error: 'the header needs a column "dataset_id" or "resource_id" (it has "month", "downloads")',
      },
    ])
  })
})

describe("CKAN's tracking export", () => {
  it('reads each dataset url as a running total at the month given', () => {
    const text = [
      'dataset title,dataset url,user visits,recent views',
      '"Population, 2566",https://data.go.th/dataset/population-2566,120,4',
      'Other,https://data.go.th/organization/x,5,0',
      'Again,/dataset/ds-1/,7,0',
    ].join('\n')
    const file = readTrackingCsv(text, catalog, '2026-10')
    expect(file.rows).toEqual([
      { datasetId: 'ds-1', agencyId: 'ag-1', month: '2026-10', downloads: 120, lines: [2] },
    ])
    expect(file.bad).toEqual([
      {
        line: 3,
        error: 'dataset url "https://data.go.th/organization/x" does not name a dataset (…/dataset/<name>)',
      },
      { line: 4, error: 'dataset "ds-1" is already given on line 2' },
    ])
  })
})

describe('monthly figures from running totals', () => {
  it.each([
    ['one total: all of it, up to its month', [['2026-01', 100]], [['2026-01', 100, true]]],
    [
      'later totals: the difference from the one before, in any order given',
      [
        ['2026-03', 150],
        ['2026-01', 100],
        ['2026-02', 130],
      ],
      [
        ['2026-01', 100, true],
        ['2026-02', 30, false],
        ['2026-03', 20, false],
      ],
    ],
    [
      'a total that went down: 0, never negative',
      [
        ['2026-01', 100],
        ['2026-02', 90],
      ],
      [
        ['2026-01', 100, true],
        ['2026-02', 0, false],
      ],
    ],
  ] as const)('%s', (_, totals, expected) => {
    expect(monthlyFromTotals(totals.map(([month, total]) => ({ month, total })))).toEqual(
      expected.map(([month, downloads, upToMonth]) => ({ month, downloads, upToMonth })),
    )
  })
})

describe("the source of a year's curve", () => {
  const f = (source: string, month: string, downloads: number, upToMonth = false): LegacyFigure => ({
    source,
    month,
    downloads,
    datasetId: 'ds-1',
    agencyId: 'ag-1',
    ...(upToMonth ? { upToMonth } : {}),
  })
  it.each([
    [
      'the one with the most months',
      [f('ga4', '2026-01', 1), f('ga4', '2026-02', 1), f('ckan', '2026-01', 50)],
      'ga4',
    ],
    ['then the larger total', [f('ga4', '2026-01', 5), f('ckan', '2026-01', 50)], 'ckan'],
    ['never a first running total', [f('ckan', '2026-01', 500, true), f('ga4', '2026-01', 5)], 'ga4'],
    ['none without monthly figures', [f('ckan', '2026-01', 500, true)], undefined],
  ])('is %s', (_, figures, expected) => {
    expect(curveSource(figures)).toBe(expected)
  })
})
