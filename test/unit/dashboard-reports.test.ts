import { describe, expect, it } from 'vitest'
import type { ReportEntry } from '../../shared/api.js'
import { fileLabel, groupByMonth, orderFiles } from '../../web/src/pages/Reports/reportList.js'

const entry = (month: string, version: number): ReportEntry => ({
  month,
  version,
  generatedAt: '2022-12-01T00:00:00Z',
  supersedes: version > 1 ? version - 1 : null,
  complete: true,
  countingRules: 'counting-v1',
  files: [],
})

describe('the Reports page', () => {
  it('groups versions by month, newest month and newest version first', () => {
    const groups = groupByMonth([entry('2022-10', 1), entry('2022-11', 1), entry('2022-11', 2)])
    expect(groups.map((g) => [g.month, g.versions.map((v) => v.version)])).toEqual([
      ['2022-11', [2, 1]],
      ['2022-10', [1]],
    ])
  })

  it.each([
    ['report.pdf', 'th', 'รายงาน PDF'],
    ['report.xlsx', 'en', 'Excel, every table'],
    ['agencies/a-1.pdf', 'th', 'กรมทดสอบ (PDF)'],
    ['agencies/unknown.csv', 'en', 'unknown (CSV)'],
  ] as const)('names %s in %s as %s', (name, lang, label) => {
    expect(fileLabel(name, lang, (id) => (id === 'a-1' ? 'กรมทดสอบ' : undefined))).toBe(label)
  })

  it('lists the national files first, in a fixed order, then the agency variants', () => {
    const names = ['agencies/b.pdf', 'manifest.json', 'report.json', 'report.pdf', 'agencies/a.csv']
    expect(orderFiles(names.map((name) => ({ name }))).map((f) => f.name)).toEqual([
      'report.pdf',
      'report.json',
      'manifest.json',
      'agencies/a.csv',
      'agencies/b.pdf',
    ])
  })
})
