import { describe, expect, it } from 'vitest'
import type { ReportEntry } from '../../shared/api.js'
import { locale } from '../../web/src/i18n/index.js'
import {
  agencyVariants,
  fileLabel,
  generatedMessage,
  groupByMonth,
  orderFiles,
} from '../../web/src/pages/Reports/reportList.js'

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
  const started = { status: 'started', month: '2022-11', requestedAt: '', message: '' } as const
  it.each([
    ['a new version', entry('2022-11', 2), 1, 'A new version was stored'],
    ['the first version', entry('2022-11', 1), undefined, 'A new version was stored'],
    ['the same version again', entry('2022-11', 1), 1, 'The data has not changed: no new version'],
    ['a report being made on AWS (202)', started, 1, 'The report is being made; it shows in the list'],
  ] as const)('says what Generate did for %s', (_, result, before, words) => {
    locale.value = 'en'
    expect(generatedMessage(result, before)).toContain(words)
  })

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

  it('lists the agencies a version has files for, each once, in Thai order in Thai', () => {
    const files = ['report.pdf', 'agencies/b.pdf', 'agencies/b.csv', 'agencies/a.pdf', 'agencies/c.csv'].map(
      (name) => ({ name }),
    )
    const names: Record<string, string> = { a: 'สำนักงานสถิติ', b: 'กรมการปกครอง', c: 'Zeta office' }
    expect(agencyVariants(files, 'th', (id) => names[id]).map((v) => v.agencyId)).toEqual(['b', 'a', 'c'])
    expect(agencyVariants(files, 'en', () => undefined).map((v) => v.name)).toEqual(['a', 'b', 'c'])
    expect(agencyVariants([{ name: 'report.pdf' }], 'th', () => undefined)).toEqual([])
  })
})
