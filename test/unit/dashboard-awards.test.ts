import { describe, expect, it } from 'vitest'
import type { AwardCategoryView, AwardStandingView } from '../../shared/api.js'
import type { LocalizedText } from '../../shared/catalog.js'
import { awardRows, categoryTitle } from '../../web/src/pages/Awards/awardRows.js'

const standing = (rank: number, id: string, downloads: number, awarded: boolean, tied = false) =>
  ({
    rank,
    agencyId: id,
    downloads,
    uniqueDownloads: downloads,
    awarded,
    tiedAtCutoff: tied,
  }) satisfies AwardStandingView

/** Two places; ranks 2 and 2 tie at the cut-off (both awarded), rank 4 is the first below it. */
const category: AwardCategoryView = {
  id: 'agency-plaque',
  subject: 'agency',
  metric: 'downloads',
  places: 2,
  qualifying: 3,
  cutoff: 50,
  ties: true,
  standings: [
    standing(1, 'a', 90, true),
    standing(2, 'b', 50, true, true),
    standing(2, 'c', 50, true, true),
    standing(4, 'd', 40, false),
    standing(5, 'e', 30, false),
  ],
}

const names = new Map<string, LocalizedText>([
  ['a', { th: 'กรมเอ', en: 'Department A' }],
  ['b', { th: 'กรมบี', en: 'Department B' }],
  ['c', { th: 'กรมซี', en: 'Department C' }],
  ['d', { th: 'กรมดี', en: 'Department D' }],
])

describe('award standings rows', () => {
  it('marks the entries tied at the cut-off and draws the cut-off above the first entry below it only', () => {
    const rows = awardRows(category, names, 'th')
    expect(rows.map((r) => [r.name, r.awarded, r.tiedAtCutoff, r.firstBelowCutoff])).toEqual([
      ['กรมเอ', true, false, false],
      ['กรมบี', true, true, false],
      ['กรมซี', true, true, false],
      ['กรมดี', false, false, true],
      ['e', false, false, false],
    ])
  })

  it('names datasets with their agency, in the reader language', () => {
    const datasets: AwardCategoryView = {
      ...category,
      id: 'dataset-certificate',
      subject: 'dataset',
      places: 1,
      qualifying: 1,
      ties: false,
      standings: [{ ...standing(1, 'a', 9, true), datasetId: 'ds1' }],
    }
    const rows = awardRows(datasets, new Map([...names, ['ds1', { th: 'ชุดข้อมูล', en: 'A dataset' }]]), 'en')
    expect(rows[0]).toMatchObject({ key: 'ds1', name: 'A dataset', agency: 'Department A' })
  })

  it('draws no cut-off line when nothing is awarded', () => {
    const none = { ...category, standings: [standing(1, 'a', 0, false), standing(1, 'b', 0, false)] }
    expect(awardRows(none, names, 'en').some((r) => r.firstBelowCutoff)).toBe(false)
  })

  it.each([
    ['agency-plaque', 'th', 'โล่รางวัลหน่วยงาน'],
    ['dataset-certificate', 'en', 'Valuable dataset certificate'],
    ['provincial-special', 'en', 'provincial-special'],
  ] as const)('titles category %s in %s as "%s"', (id, lang, title) => {
    expect(categoryTitle({ id }, lang)).toBe(title)
  })
})
