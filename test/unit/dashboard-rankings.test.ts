import { describe, expect, it } from 'vitest'
import type { PeriodInfo } from '../../shared/api.js'
import { ownItems, rankChangeNote, rankText } from '../../web/src/pages/Rankings/rankingView.js'

/** A period as the API describes it, as of 2 December 2026 10:00 Bangkok time. */
const NOW = '2026-12-02T03:00:00.000Z'
const info = (period: Partial<PeriodInfo>, complete: boolean, dataUpTo = NOW): PeriodInfo => ({
  ...period,
  complete,
  dataUpTo,
})

describe('what the rankings page says a rank change is against', () => {
  it.each([
    {
      period: info({ fy: 2570 }, false),
      lang: 'th',
      note: { comparable: true, text: 'การเปลี่ยนแปลงอันดับ (▲▼) เทียบกับ อันดับ ณ สิ้นเดือนพฤศจิกายน 2569' },
    },
    {
      period: info({ fy: 2570 }, false),
      lang: 'en',
      note: { comparable: true, text: 'Rank change (▲▼) against the standing at the end of November 2026' },
    },
    {
      period: info({ month: '2026-11' }, true, '2026-11-30T17:00:00.000Z'),
      lang: 'en',
      note: { comparable: true, text: 'Rank change (▲▼) against October 2026' },
    },
    {
      period: info({ month: '2026-12' }, false),
      lang: 'en',
      note: {
        comparable: false,
        text: 'No rank change: this month is not over, so it is not compared with the full month before',
      },
    },
    {
      period: info({ fy: 2570 }, false, '2026-10-02T03:00:00.000Z'),
      lang: 'th',
      note: {
        comparable: false,
        text: 'ไม่แสดงการเปลี่ยนแปลงอันดับ: เดือนแรกของปีงบประมาณยังไม่สิ้นสุด จึงยังไม่มีอันดับก่อนหน้าในปีนี้ให้เทียบ',
      },
    },
  ] as const)('$period.month$period.fy in $lang: $note.text', ({ period, lang, note }) => {
    expect(rankChangeNote(period, lang)).toEqual(note)
  })
})

describe('ranks on the page', () => {
  it.each([
    { item: { rank: 3, downloads: 12 }, lang: 'en', text: '3' },
    { item: { rank: 100, downloads: 0 }, lang: 'en', text: 'no downloads yet' },
    { item: { rank: 100, downloads: 0 }, lang: 'th', text: 'ยังไม่มีการดาวน์โหลด' },
  ] as const)('shows rank $item.rank with $item.downloads downloads as "$text"', ({ item, lang, text }) => {
    expect(rankText(item, lang)).toBe(text)
  })

  it("picks the executive's own agencies in rank order", () => {
    const items = [{ agencyId: 'a' }, { agencyId: 'b' }, { agencyId: 'c' }]
    expect(ownItems(items, ['c', 'a'])).toEqual([{ agencyId: 'a' }, { agencyId: 'c' }])
    expect(ownItems(items, [])).toEqual([])
  })
})
