import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  type MessageKey as DgaKey,
  dgaPageMessages,
  translate as translateDga,
} from '../../web/src/i18n/dga-pages.js'
import {
  formatBangkokTime,
  formatNumber,
  formatPercent,
  formatRankChange,
} from '../../web/src/i18n/format.js'
import { messages } from '../../web/src/i18n/index.js'
import {
  agencyOfRoute,
  fiscalYearChoices,
  fiscalYearsOffered,
  parseRoute,
  type Route,
  routeHash,
} from '../../web/src/state/navigation.js'

describe('dashboard routes', () => {
  it.each<[string, Route]>([
    ['', { page: 'rankings' }],
    ['#/rankings', { page: 'rankings' }],
    ['#/awards', { page: 'awards' }],
    ['#/subscriptions', { page: 'subscriptions' }],
    ['#/settings', { page: 'settings' }],
    ['#/reports', { page: 'reports' }],
    ['#/agency', { page: 'agency' }],
    ['#/agency/6174ee0b-80e9', { page: 'agency', agencyId: '6174ee0b-80e9' }],
    ['#/agency/a%2Fb', { page: 'agency', agencyId: 'a/b' }],
    ['#/nowhere', { page: 'rankings' }],
    [
      '#/reports/2026-11/3/agencies/agency-1.pdf',
      { page: 'reports', open: { month: '2026-11', version: 3, file: 'agencies/agency-1.pdf' } },
    ],
    ['#/reports/2026-11/0/report.pdf', { page: 'reports' }],
    ['#/reports/2026-11/2', { page: 'reports' }],
    ['#/reports/26-11/2/report.pdf', { page: 'reports' }],
  ])('reads %s as %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route)
  })

  it.each<Route>([
    { page: 'rankings' },
    { page: 'awards' },
    { page: 'subscriptions' },
    { page: 'settings' },
    { page: 'reports' },
    { page: 'agency' },
    { page: 'agency', agencyId: 'x y/z' },
    { page: 'reports', open: { month: '2022-10', version: 12, file: 'agencies/a b.pdf' } },
  ])('writes %j so that it reads back the same', (route) => {
    expect(parseRoute(routeHash(route))).toEqual(route)
  })

  it("opens the agency the route names, else an executive's own first agency", () => {
    expect(agencyOfRoute({ page: 'agency', agencyId: 'b' }, ['a'])).toBe('b')
    expect(agencyOfRoute({ page: 'agency' }, ['a', 'c'])).toBe('a')
    expect(agencyOfRoute({ page: 'agency' }, [])).toBeUndefined()
    expect(agencyOfRoute({ page: 'awards' }, ['a'])).toBeUndefined()
  })

  it('offers the current fiscal year first, then earlier ones', () => {
    expect(fiscalYearChoices(2570, 3)).toEqual([2570, 2569, 2568])
  })

  it.each([
    {
      name: 'the current year and the years with data',
      withData: [2570, 2568],
      shown: 2570,
      offered: [2570, 2568],
    },
    {
      name: 'the current year without data of its own',
      withData: [2569, 2567],
      shown: 2570,
      offered: [2570, 2569, 2567],
    },
    { name: 'nothing but the current year on an empty store', withData: [], shown: 2570, offered: [2570] },
    {
      name: 'the year shown, should it be neither',
      withData: [2569],
      shown: 2566,
      offered: [2570, 2569, 2566],
    },
    { name: 'never a year after the current one', withData: [2571, 2570], shown: 2570, offered: [2570] },
  ])('offers $name in the year picker', ({ withData, shown, offered }) => {
    expect(fiscalYearsOffered(2570, withData, shown)).toEqual(offered)
  })
})

describe('numbers per locale', () => {
  it.each([
    [1234567, 'th', '1,234,567'],
    [1234567, 'en', '1,234,567'],
    [0, 'en', '0'],
  ] as const)('formats %d in %s as %s', (n, lang, text) => {
    expect(formatNumber(n, lang)).toBe(text)
  })

  it('formats percentages with at most one decimal', () => {
    expect(formatPercent(232.2, 'th')).toBe('232.2%')
    expect(formatPercent(1000, 'en')).toBe('1,000%')
  })

  it('formats instants in Bangkok time, each language with its own calendar, whichever came first', () => {
    // Each language's formatter is made once and kept: the second language and later instants use their own.
    expect(formatBangkokTime('2026-12-03T17:10:00Z', 'th')).toBe('4 ธ.ค. 2569 00:10')
    expect(formatBangkokTime('2026-12-03T17:10:00Z', 'en')).toBe('4 Dec 2026, 00:10')
    expect(formatBangkokTime('2026-09-30T16:59:00Z', 'th')).toBe('30 ก.ย. 2569 23:59')
    expect(formatBangkokTime('2026-09-30T17:00:00Z', 'en')).toBe('1 Oct 2026, 00:00')
  })

  it.each([
    [3, '▲3'],
    [-2, '▼2'],
    [0, '='],
    [null, '–'],
  ] as const)('shows a rank change of %s as %s', (change, text) => {
    expect(formatRankChange(change)).toBe(text)
  })
})

describe('messages', () => {
  it.each([
    ['the first load', messages],
    ["DGA's pages loaded on demand", dgaPageMessages],
  ] as const)('has every message of %s in both languages, none empty', (_, table) => {
    expect(Object.keys(table.en).sort()).toEqual(Object.keys(table.th).sort())
    for (const lang of ['th', 'en'] as const)
      for (const [key, text] of Object.entries(table[lang])) expect(text, `${lang}.${key}`).not.toBe('')
  })

  it("keeps each message in one table; DGA's pages' translate finds both tables' messages", () => {
    expect(Object.keys(dgaPageMessages.th).filter((key) => key in messages.th)).toEqual([])
    for (const lang of ['th', 'en'] as const)
      for (const table of [messages, dgaPageMessages])
        for (const [key, text] of Object.entries(table[lang]))
          expect(translateDga(lang, key as DgaKey)).toBe(text)
  })

  it("uses DGA's pages' words only in those pages, which take them from dga-pages.ts (the first load has none)", () => {
    const root = resolve(import.meta.dirname, '../../web/src')
    const onDemand = /^pages\/(Settings|Subscriptions)\/|^pages\/Awards\/(ReviewQueue|Certification)\.tsx$/
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.tsx?$/.test(f) && !f.startsWith('i18n/'),
    )
    const misplaced: string[] = []
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8')
      if (onDemand.test(file)) {
        if (text.includes("i18n/index.js'")) misplaced.push(`${file} imports i18n/index.js`)
        continue
      }
      for (const key of Object.keys(dgaPageMessages.th))
        if (new RegExp(`['"\`]${key}['"\`]`).test(text)) misplaced.push(`${file} uses ${key}`)
    }
    expect(misplaced).toEqual([])
  })
})
