import { describe, expect, it } from 'vitest'
import {
  addMonths,
  bangkokDay,
  bangkokHour,
  bangkokMonth,
  daysOfMonth,
  fiscalYearLabel,
  fiscalYearOf,
  fiscalYearOfMonth,
  isDay,
  isMonth,
  monthLabel,
  monthRange,
  monthsOfFiscalYear,
  parseFiscalYear,
} from '../../shared/time.js'

describe('Bangkok periods', () => {
  it.each([
    ['2022-10-31T20:00:00Z', '2022-11-01', '2022-11'],
    ['2022-10-31T16:59:59.999Z', '2022-10-31', '2022-10'],
    ['2022-10-31T17:00:00Z', '2022-11-01', '2022-11'],
    ['2022-12-31T17:00:00Z', '2023-01-01', '2023-01'],
    ['2024-02-29T05:00:00Z', '2024-02-29', '2024-02'],
    ['2023-06-15T00:00:00+07:00', '2023-06-15', '2023-06'],
  ])('%s falls on Bangkok day %s, month %s', (instant, day, month) => {
    expect(bangkokDay(new Date(instant))).toBe(day)
    expect(bangkokMonth(new Date(instant))).toBe(month)
  })

  it('cuts hours in Bangkok time', () => {
    expect(bangkokHour(Date.parse('2022-10-31T20:30:00Z'))).toBe('2022-11-01T03')
  })

  it('gives a month as a half-open range of instants', () => {
    const { start, end } = monthRange('2022-11')
    expect(new Date(start).toISOString()).toBe('2022-10-31T17:00:00.000Z')
    expect(new Date(end).toISOString()).toBe('2022-11-30T17:00:00.000Z')
  })

  it.each([
    ['2023-02', 28],
    ['2024-02', 29],
    ['2022-11', 30],
    ['2022-12', 31],
  ])('%s has %i days', (month, n) => {
    const days = daysOfMonth(month)
    expect(days).toHaveLength(n)
    expect(days[0]).toBe(`${month}-01`)
  })

  it.each([
    ['2022-11', -1, '2022-10'],
    ['2023-01', -1, '2022-12'],
    ['2022-12', 1, '2023-01'],
    ['2022-10', 12, '2023-10'],
  ])('%s plus %i months is %s', (month, n, expected) => {
    expect(addMonths(month, n)).toBe(expected)
  })

  it.each([
    ['2022-11', true],
    ['2022-13', false],
    ['2022-1', false],
    ['22-11', false],
  ])('isMonth(%s) is %s', (value, ok) => expect(isMonth(value)).toBe(ok))

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2022-11-31', false],
  ])('isDay(%s) is %s', (value, ok) => expect(isDay(value)).toBe(ok))
})

describe('Thai fiscal years', () => {
  it.each([
    ['2022-10', 2566],
    ['2023-09', 2566],
    ['2023-10', 2567],
    ['2022-09', 2565],
    ['2023-01', 2566],
  ])('%s belongs to FY %i', (month, fy) => expect(fiscalYearOfMonth(month)).toBe(fy))

  it.each([
    ['2022-09-30T16:59:59Z', 2565],
    ['2022-09-30T17:00:00Z', 2566],
    ['2023-09-30T16:59:59Z', 2566],
    ['2023-09-30T17:00:00Z', 2567],
  ])('the instant %s is in FY %i (Bangkok time)', (instant, fy) =>
    expect(fiscalYearOf(new Date(instant))).toBe(fy),
  )

  it('FY 2566 runs from October 2022 to September 2023', () => {
    const months = monthsOfFiscalYear(2566)
    expect(months).toHaveLength(12)
    expect(months[0]).toBe('2022-10')
    expect(months[11]).toBe('2023-09')
  })

  it.each([
    ['2566', 2566],
    ['2023', undefined],
    ['25x6', undefined],
    ['', undefined],
  ])('parseFiscalYear(%j) is %s', (value, fy) => expect(parseFiscalYear(value)).toBe(fy))
})

describe('labels for people', () => {
  it.each([
    ['2022-11', 'th', 'พฤศจิกายน 2565'],
    ['2022-11', 'en', 'November 2022'],
    ['2023-01', 'th', 'มกราคม 2566'],
  ] as const)('%s in %s reads %s', (month, locale, label) => expect(monthLabel(month, locale)).toBe(label))

  it('labels fiscal years in the Buddhist Era in Thai and CE in English', () => {
    expect(fiscalYearLabel(2566, 'th')).toBe('ปีงบประมาณ 2566')
    expect(fiscalYearLabel(2566, 'en')).toBe('FY 2023 (Oct 2022 – Sep 2023)')
  })
})
