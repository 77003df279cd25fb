import { describe, expect, it } from 'vitest'
import { monthChoices, pickMonth } from '../../web/src/components/monthChoices.js'
import {
  filterByAgency,
  groupLabel,
  groupsOf,
  matchesName,
  searchForm,
} from '../../web/src/pages/Overview/agencyFilter.js'
import { changeText, comparisonLabel, trendSummary } from '../../web/src/pages/Overview/figures.js'
import { sparklinePoints } from '../../web/src/pages/Overview/sparkline.js'
import { parseRoute, routeHash } from '../../web/src/state/navigation.js'

const lands = { th: 'กรมที่ดิน', en: 'Department of Lands' }
const nso = { th: 'สำนักงานสถิติแห่งชาติ', en: 'National Statistical Office' }
const cafe = { th: 'สำนักงาน ก.พ.', en: 'Office of the Civil Service Commission (Café)' }

describe('searching agencies by name, in Thai or English', () => {
  it.each([
    ['', lands, true],
    ['กรมที่ดิน', lands, true],
    ['กรม ที่ดิน', lands, true],
    ['ที่ดิน', lands, true],
    ['lands', lands, true],
    ['LANDS dep', lands, true],
    ['department lands', lands, true],
    ['กรม lands', lands, true],
    ['ที่ดิ', lands, true],
    ['ที่ดีน', lands, false],
    ['marine', lands, false],
    ['สถิติ', nso, true],
    ['statistical office', nso, true],
    ['cafe', cafe, true],
    ['café', cafe, true],
    ['ก.พ.', cafe, true],
    ['กพ', cafe, false],
    ['ที่\u200bดิน', lands, true],
  ])('%j finds %j: %s', (query, name, expected) => {
    expect(matchesName(query, name)).toBe(expected)
  })

  it('keeps Thai vowels and tone marks, and drops Latin accents and spaces', () => {
    expect(searchForm('กรม ที่ดิน')).toBe('กรมที่ดิน')
    expect(searchForm(' Café  Éclair ')).toBe('cafeeclair')
  })
})

describe('the award-group filter with the search', () => {
  const agencies = new Map([
    ['a', { name: lands, group: 'department' }],
    ['b', { name: nso, group: 'office' }],
    ['c', { name: { th: 'จังหวัดเชียงใหม่', en: 'Chiang Mai Provincial Office' }, group: 'provincial' }],
  ])
  const entries = [{ agencyId: 'a' }, { agencyId: 'b' }, { agencyId: 'c' }, { agencyId: 'unknown' }]
  const pick = (query: string, group: string) =>
    filterByAgency(entries, { query, group }, (e) => agencies.get(e.agencyId)).map((e) => e.agencyId)
  it.each([
    ['', '', ['a', 'b', 'c', 'unknown']],
    ['', 'office', ['b']],
    ['office', '', ['b', 'c']],
    ['office', 'provincial', ['c']],
    ['สำนักงาน', 'department', []],
  ])('search %j in group %j keeps %j', (query, group, expected) => {
    expect(pick(query, group)).toEqual(expected)
  })

  it('names the groups in the reader language, each once, in its order', () => {
    const list = [{ group: 'provincial' }, { group: 'department' }, { group: 'provincial' }, { group: '' }]
    expect(groupsOf(list, 'en').map((g) => g.label)).toEqual(['Department', 'Province'])
    expect(groupsOf(list, 'th').map((g) => g.label)).toEqual(['กรมหรือเทียบเท่า', 'จังหวัด'])
    expect(groupLabel('new-group', 'th')).toBe('new-group')
  })
})

describe('headline figures in words', () => {
  it.each([
    [{ month: '2026-11', throughDay: '2026-11-02' }, 'th', '1–2 พฤศจิกายน 2569'],
    [{ month: '2026-11', throughDay: '2026-11-01' }, 'en', '1 November 2026'],
    [{ month: '2026-10', throughDay: null }, 'th', 'ตุลาคม 2569'],
    [{ month: '2026-10', throughDay: null }, 'en', 'October 2026'],
  ] as const)('%j in %s reads %s', (comparison, lang, text) => {
    expect(comparisonLabel(comparison, lang)).toBe(text)
  })

  it.each([
    [120, 100, 'en', { direction: 'up', text: '▲ +20 (20%)', spoken: 'up 20 (20%)' }],
    [1500, 3000, 'en', { direction: 'down', text: '▼ −1,500 (50%)', spoken: 'down 1,500 (50%)' }],
    [5, 0, 'th', { direction: 'up', text: '▲ +5', spoken: 'เพิ่มขึ้น 5' }],
    [7, 7, 'th', { direction: 'same', text: '=', spoken: 'เท่าเดิม' }],
  ] as const)('%i against %i (%s)', (value, previous, lang, expected) => {
    expect(changeText(value, previous, lang)).toEqual(expected)
  })

  it('has no change without a comparison', () => {
    expect(changeText(5, null, 'th')).toBeNull()
  })

  it('says what a trend line shows', () => {
    const trend = [
      { month: '2026-10', value: 12844 },
      { month: '2026-11', value: 8122 },
      { month: '2026-12', value: 287 },
    ]
    expect(trendSummary(trend, 'en')).toBe(
      '12-month trend: lowest 287, highest 12,844, latest month (December 2026) 287',
    )
    expect(trendSummary(trend, 'th')).toContain('(ธันวาคม 2569) 287')
  })
})

describe('sparkline points', () => {
  it.each([
    [[], ''],
    [[5], '50,10'],
    [[3, 3, 3], '0,10 50,10 100,10'],
    [[0, 10], '0,20 100,0'],
    [[10, 0, 5], '0,0 50,20 100,10'],
  ])('%j', (values, points) => {
    expect(sparklinePoints(values, 100, 20, 0)).toBe(points)
  })

  it('keeps the margin', () => {
    expect(sparklinePoints([0, 10], 100, 20, 2)).toBe('2,18 98,2')
  })
})

describe('the month picker', () => {
  it('offers Buddhist Era years and Thai month names in Thai, CE and English names in English', () => {
    const th = monthChoices('2026-11', '2026-12', 'th', 3)
    expect(th.years).toEqual([
      { value: '2026', label: '2569' },
      { value: '2025', label: '2568' },
      { value: '2024', label: '2567' },
    ])
    expect(th.months[0]).toEqual({ value: '01', label: 'มกราคม', disabled: false })
    const en = monthChoices('2026-11', '2026-12', 'en', 3)
    expect(en.years[0]).toEqual({ value: '2026', label: '2026' })
    expect(en.months[10]?.label).toBe('November')
  })

  it('disables the months after the latest in its year, and names a year out of range', () => {
    const c = monthChoices('2026-03', '2026-05', 'th', 2)
    expect(c.months.filter((m) => m.disabled).map((m) => m.value)).toEqual([
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
      '12',
    ])
    expect(monthChoices('2010-03', '2026-05', 'en', 2).years.map((y) => y.value)).toEqual([
      '2026',
      '2025',
      '2010',
    ])
  })

  it.each([
    ['2026', '11', '2026-12', '2026-11'],
    ['2027', '01', '2026-12', '2026-12'],
    ['2026', '12', '2026-05', '2026-05'],
    ['2025', '12', '2026-05', '2025-12'],
  ])('year %s month %s (latest %s) picks %s', (year, month, max, picked) => {
    expect(pickMonth(year, month, max)).toBe(picked)
  })
})

describe('routes of the overview and of a month ranking', () => {
  it.each([
    ['#/overview', { page: 'overview' }],
    ['#/rankings/2026-11', { page: 'rankings', month: '2026-11' }],
    ['#/rankings/2026-13', { page: 'rankings' }],
    ['#/rankings', { page: 'rankings' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route)
    expect(parseRoute(routeHash(parseRoute(hash)))).toEqual(route)
  })
})
