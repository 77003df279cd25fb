import { describe, expect, it } from 'vitest'
import type { LocalizedText } from '../../shared/catalog.js'
import { lastReportMonth, scopeChoices, scopeLabel } from '../../web/src/pages/Subscriptions/subscriptions.js'

const agencies = new Map<string, LocalizedText>([
  ['a-3', { th: 'กรมอุตุนิยมวิทยา', en: 'Thai Meteorological Department' }],
  ['a-1', { th: 'กรมการปกครอง', en: 'Department of Provincial Administration' }],
  ['a-2', { th: 'สำนักงานสถิติแห่งชาติ', en: 'National Statistical Office' }],
])

describe('the scopes a reader may subscribe to', () => {
  it.each([
    [
      'a DGA official: national, then every agency by Thai name',
      { role: 'dga_admin', agencyIds: [] },
      ['national', 'a-1', 'a-3', 'a-2'],
    ],
    [
      'an executive: their own agencies only',
      { role: 'agency_exec', agencyIds: ['a-2', 'a-1'] },
      ['a-1', 'a-2'],
    ],
    [
      'an executive of an agency not ranked yet: by its id',
      { role: 'agency_exec', agencyIds: ['zz'] },
      ['zz'],
    ],
    ['nobody signed in: none', undefined, []],
  ] as const)('%s', (_, session, scopes) => {
    const s = session && { role: session.role, agencyIds: [...session.agencyIds] }
    expect(scopeChoices(s, agencies).map((c) => c.scope)).toEqual(scopes)
  })
})

describe('scope labels and months', () => {
  it.each([
    ['national', 'th', 'ทั้งประเทศ'],
    ['a-2', 'en', 'National Statistical Office'],
    ['a-2', 'th', 'สำนักงานสถิติแห่งชาติ'],
    ['unknown', 'en', 'unknown'],
  ] as const)('%s in %s reads %s', (scope, lang, label) => {
    expect(scopeLabel(scope, agencies, lang, lang === 'th' ? 'ทั้งประเทศ' : 'National')).toBe(label)
  })

  it.each([
    ['2022-11-30T17:00:00Z', '2022-11'],
    ['2022-11-30T16:59:59Z', '2022-10'],
    ['2023-01-15T00:00:00Z', '2022-12'],
  ])('at %s the last report month is %s (Bangkok time)', (at, month) => {
    expect(lastReportMonth(Date.parse(at))).toBe(month)
  })
})
