import { describe, expect, it } from 'vitest'
import {
  awardCategoryTitle,
  awardMetricLabel,
  bilingual,
  groupLabel,
  monthLabels,
  percentText,
  rankChangeMark,
  rankChangeWords,
  rankWithChange,
  SHEET_NAME_MAX,
  sheetName,
  shortMonthLabels,
  targetSourceLabel,
  yesNoLabel,
} from '../../shared/reports/labels.js'

describe('months as people read them (Buddhist Era in Thai)', () => {
  it.each([
    ['2026-11', 'พฤศจิกายน 2569', 'November 2026'],
    ['2022-10', 'ตุลาคม 2565', 'October 2022'],
    ['2023-09', 'กันยายน 2566', 'September 2023'],
    ['2027-01', 'มกราคม 2570', 'January 2027'],
  ])('%s is "%s" / "%s"', (month, th, en) => {
    expect(monthLabels(month)).toEqual({ th, en })
  })

  it.each([
    ['2026-10', 'ต.ค. 2569', 'Oct 2026'],
    ['2026-11', 'พ.ย. 2569', 'Nov 2026'],
    ['2027-02', 'ก.พ. 2570', 'Feb 2027'],
    ['2027-09', 'ก.ย. 2570', 'Sep 2027'],
  ])('on a chart axis %s is "%s" / "%s"', (month, th, en) => {
    expect(shortMonthLabels(month)).toEqual({ th, en })
  })
})

describe('award category titles never show an id', () => {
  it.each([
    [{ id: 'agency-plaque', subject: 'agency' }, 1, 'โล่รางวัลหน่วยงาน', 'Agency plaque'],
    [
      { id: 'dataset-certificate', subject: 'dataset' },
      2,
      'เกียรติบัตรชุดข้อมูลที่มีคุณค่า',
      'Valuable dataset certificate',
    ],
    [
      { id: 'provincial-special', subject: 'agency' },
      3,
      'รางวัลหน่วยงาน ประเภทที่ 3',
      'Agency award, category 3',
    ],
    [{ id: 'x-9', subject: 'dataset' }, 4, 'รางวัลชุดข้อมูล ประเภทที่ 4', 'Dataset award, category 4'],
  ] as const)('%o (place %i) is "%s" / "%s"', (category, position, th, en) => {
    const title = awardCategoryTitle(category, position)
    expect(title).toEqual({ th, en })
    expect(`${title.th} ${title.en}`).not.toContain(category.id)
  })

  it.each([
    ['downloads', 'ดาวน์โหลดทั้งหมด / total downloads'],
    ['uniqueDownloads', 'ดาวน์โหลดไม่ซ้ำ / unique downloads'],
  ])('metric %s reads "%s"', (metric, label) => {
    expect(bilingual(awardMetricLabel(metric))).toBe(label)
  })
})

describe('codes beside their labels', () => {
  it.each([
    ['cutoff', 'ตามเกณฑ์รางวัล / award cut-off'],
    ['set', 'กำหนดโดย สพร. / set by DGA'],
    ['projected_cutoff', 'ตามเกณฑ์รางวัลสิ้นปีที่คาดการณ์ / projected year-end award cut-off'],
    ['something-new', 'something-new'],
  ])('target source %s reads "%s"', (code, label) => {
    expect(bilingual(targetSourceLabel(code))).toBe(label)
  })

  it.each([
    ['provincial', 'จังหวัด / Provincial office'],
    ['department', 'ระดับกรม / Department'],
    ['office', 'ระดับสำนักงาน / Office'],
    ['local-government', 'องค์กรปกครองส่วนท้องถิ่น / Local government'],
    ['public-organization', 'องค์การมหาชน / Public organization'],
    ['independent', 'องค์กรอิสระ / Independent body'],
    ['state-enterprise', 'รัฐวิสาหกิจ / State enterprise'],
    ['unlisted-group', 'unlisted-group'],
  ])('group %s reads "%s"', (code, label) => {
    expect(bilingual(groupLabel(code))).toBe(label)
  })

  it.each([
    [true, 'awarded', 'ได้รับ / yes'],
    [false, 'awarded', 'ไม่ได้รับ / no'],
    [true, 'tie', 'เสมอ / yes'],
    [false, 'tie', 'ไม่เสมอ / no'],
    [true, 'plain', 'ใช่ / yes'],
    [false, 'plain', 'ไม่ใช่ / no'],
  ] as const)('%s about %s reads "%s"', (value, about, label) => {
    expect(bilingual(yesNoLabel(value, about))).toBe(label)
  })
})

describe('rank changes: a mark and words, never a bare sign', () => {
  it.each([
    [5, '▲5', 'ขึ้น 5 อันดับ', 'up 5'],
    [1, '▲1', 'ขึ้น 1 อันดับ', 'up 1'],
    [-3, '▼3', 'ลง 3 อันดับ', 'down 3'],
    [0, '=', 'อันดับเท่าเดิม', 'unchanged'],
    [null, '–', 'ไม่มีอันดับเดือนก่อน', 'no rank last month'],
  ])('%s is %s, "%s" / "%s"', (change, mark, th, en) => {
    expect(rankChangeMark(change)).toBe(mark)
    expect(rankChangeWords(change)).toEqual({ th, en })
  })

  it.each([
    [65, 5, '65 ▲5 (ขึ้น 5 อันดับ / up 5)'],
    [12, -2, '12 ▼2 (ลง 2 อันดับ / down 2)'],
    [3, 0, '3 = (อันดับเท่าเดิม / unchanged)'],
    [7, null, '7 – (ไม่มีอันดับเดือนก่อน / no rank last month)'],
    [null, null, 'ยังไม่มีอันดับ / not ranked'],
  ])('rank %s changed by %s reads "%s"', (rank, change, text) => {
    expect(rankWithChange(rank, change)).toBe(text)
  })
})

describe('percentages', () => {
  it.each([
    [1606.4, '1,606.4%'],
    [9, '9.0%'],
    [0, '0.0%'],
    [99.95, '100.0%'],
  ])('%s is %s', (n, text) => {
    expect(percentText(n)).toBe(text)
  })
})

describe('xlsx sheet names (Excel: at most 31 characters, none of [ ] : * ? / \\)', () => {
  it.each([
    ['สรุป', 'Summary'],
    ['หน่วยงานเดือน', 'Agencies month'],
    ['ชุดข้อมูลเดือน', 'Datasets month'],
    ['ประเภทรางวัล', 'Award categories'],
  ])('%s (%s) is accepted as it is', (th, en) => {
    const name = sheetName(th, en)
    expect(name).toBe(`${th} (${en})`)
    expect(name.length).toBeLessThanOrEqual(SHEET_NAME_MAX)
  })

  it.each([
    ['a slash', 'หน่วยงาน/เดือน', 'Agencies'],
    ['a colon', 'หน่วยงาน', 'FY: to date'],
    ['brackets', 'หน่วยงาน', '[Agencies]'],
    ['a question mark', 'หน่วยงาน?', 'Agencies'],
    ['an asterisk', 'หน่วยงาน*', 'Agencies'],
    ['a backslash', 'หน่วยงาน\\', 'Agencies'],
    ['32 characters', 'ชุดข้อมูล เดือน', 'Datasets month'],
  ])('refuses a name with %s', (_what, th, en) => {
    expect(() => sheetName(th, en)).toThrow(/sheet name/)
  })
})
