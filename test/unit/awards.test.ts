import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type AwardCategory,
  agencyCutoff,
  awardStandings,
  type Contender,
  DEFAULT_PROGRAMME,
} from '../../shared/awards.js'
import { nameOrder } from '../../shared/ranking.js'

/** Contenders from download counts: c0, c1, … with Thai-sortable names; agency and group optional. */
function contenders(values: number[], over: (i: number) => Partial<Contender> = () => ({})): Contender[] {
  return values.map((downloads, i) => ({
    id: `c${i}`,
    agencyId: `a${i}`,
    name: `ชื่อ ${String(i).padStart(3, '0')}`,
    downloads,
    uniqueDownloads: 0,
    ...over(i),
  }))
}

const top = (places: number, extra: Partial<AwardCategory> = {}): AwardCategory =>
  ({ id: 'agency-plaque', subject: 'agency', places, ...extra }) as AwardCategory
const awardedIds = (r: ReturnType<typeof awardStandings>) =>
  r.standings.filter((s) => s.awarded).map((s) => s.id)

describe('award standings', () => {
  it('defaults to the DIGI Data Awards: 9 agencies and 49 datasets by downloads', () => {
    expect(DEFAULT_PROGRAMME.categories.map((c) => [c.subject, c.places, c.metric])).toEqual([
      ['agency', 9, 'downloads'],
      ['dataset', 49, 'downloads'],
    ])
  })

  it.each([
    { name: 'no tie', values: [50, 40, 30, 20], places: 2, cutoff: 40, qualifying: 2, ties: false },
    {
      name: 'tie at the cut-off',
      values: [50, 40, 40, 20],
      places: 2,
      cutoff: 40,
      qualifying: 3,
      ties: true,
    },
    {
      name: 'three-way tie at the cut-off',
      values: [50, 30, 30, 30, 10],
      places: 3,
      cutoff: 30,
      qualifying: 4,
      ties: true,
    },
    {
      name: 'tie above the cut-off only',
      values: [50, 50, 40, 20],
      places: 3,
      cutoff: 40,
      qualifying: 3,
      ties: false,
    },
    {
      name: 'tie just below the cut-off',
      values: [50, 40, 30, 30],
      places: 2,
      cutoff: 40,
      qualifying: 2,
      ties: false,
    },
    { name: 'everyone tied', values: [7, 7, 7], places: 1, cutoff: 7, qualifying: 3, ties: true },
    {
      name: 'places unfilled: zero never wins',
      values: [5, 0, 0],
      places: 2,
      cutoff: 1,
      qualifying: 1,
      ties: false,
    },
    { name: 'nobody downloaded', values: [0, 0], places: 2, cutoff: 1, qualifying: 0, ties: false },
  ])(
    '$name: cut-off $cutoff, $qualifying qualify for $places places',
    ({ values, places, cutoff, qualifying, ties }) => {
      const r = awardStandings(top(places), contenders(values))
      expect({ cutoff: r.cutoff, qualifying: r.qualifying, ties: r.ties, places: r.places }).toEqual({
        cutoff,
        qualifying,
        ties,
        places,
      })
    },
  )

  it('lists every tied entry at the cut-off as awarded and tied, with its shared rank', () => {
    const r = awardStandings(top(2), contenders([50, 40, 40, 20]))
    expect(r.standings.map((s) => [s.id, s.rank, s.awarded, s.tiedAtCutoff])).toEqual([
      ['c0', 1, true, false],
      ['c1', 2, true, true],
      ['c2', 2, true, true],
      ['c3', 4, false, false],
    ])
  })

  it('ranks by unique downloads when the programme says so, downloads breaking display order only', () => {
    const r = awardStandings(
      top(1, { metric: 'uniqueDownloads' }),
      contenders([100, 10], (i) => ({ uniqueDownloads: [5, 8][i] as number })),
    )
    expect(r.metric).toBe('uniqueDownloads')
    expect(awardedIds(r)).toEqual(['c1'])
    expect(r.cutoff).toBe(8)
  })

  it('awards the top N of each agency group, each group with its own cut-off', () => {
    const groups = ['ministry', 'ministry', 'ministry', 'province', 'province', 'enterprise']
    const r = awardStandings(
      top(3, { perGroup: { ministry: 2, province: 1 } }),
      contenders([90, 80, 70, 20, 10, 500], (i) => ({ group: groups[i] as string })),
    )
    expect(awardedIds(r)).toEqual(['c0', 'c1', 'c3'])
    expect(r.groups).toEqual([
      { group: 'ministry', places: 2, qualifying: 2, cutoff: 80, ties: false },
      { group: 'province', places: 1, qualifying: 1, cutoff: 20, ties: false },
    ])
    expect(r.cutoff).toBe(20)
    expect(agencyCutoff(r, 'ministry')).toBe(80)
    expect(agencyCutoff(r, 'enterprise')).toBeUndefined()
  })

  it('reports a tie at a group cut-off', () => {
    const r = awardStandings(
      top(1, { perGroup: { province: 1 } }),
      contenders([30, 30, 10], () => ({ group: 'province' })),
    )
    expect({ ties: r.ties, qualifying: r.qualifying, awarded: awardedIds(r) }).toEqual({
      ties: true,
      qualifying: 2,
      awarded: ['c0', 'c1'],
    })
  })

  it.each([
    {
      name: 'passes over an agency at its limit of K datasets',
      values: [100, 90, 80, 70],
      agencies: ['a', 'a', 'a', 'b'],
      max: 2,
      places: 3,
      awarded: ['c0', 'c1', 'c3'],
      cutoff: 70,
    },
    {
      name: 'lets datasets of one agency tied at its K-th place all qualify',
      values: [100, 90, 90, 70],
      agencies: ['a', 'a', 'a', 'b'],
      max: 2,
      places: 3,
      awarded: ['c0', 'c1', 'c2'],
      cutoff: 90,
    },
    {
      name: 'without a limit takes the top places whatever the agency',
      values: [100, 90, 80, 70],
      agencies: ['a', 'a', 'a', 'b'],
      max: undefined,
      places: 3,
      awarded: ['c0', 'c1', 'c2'],
      cutoff: 80,
    },
  ])('dataset category $name', ({ values, agencies, max, places, awarded, cutoff }) => {
    const category: AwardCategory = {
      id: 'dataset-certificate',
      subject: 'dataset',
      places,
      ...(max === undefined ? {} : { maxPerAgency: max }),
    }
    const r = awardStandings(
      category,
      contenders(values, (i) => ({ agencyId: agencies[i] as string })),
    )
    expect(awardedIds(r)).toEqual(awarded)
    expect(r.cutoff).toBe(cutoff)
  })
})

describe('award standings with the names ordered beforehand', () => {
  it('are the standings collating gives, whether the order lists every contender, some or none', () => {
    const names = ['ขอนแก่น', 'กรุงเทพ', 'ชลบุรี', 'ตาก', 'Bangkok', 'ก']
    const entry = fc.record({
      downloads: fc.nat(4),
      uniqueDownloads: fc.nat(2),
      name: fc.constantFrom(...names),
    })
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.nat(12), fc.nat(4), (entries, listed, places) => {
        const all = entries.map((e, i) => ({ ...e, id: `c${i}`, agencyId: `a${i % 3}` }))
        const category = top(places, { subject: 'dataset', maxPerAgency: 2 })
        const collated = awardStandings(category, all)
        const order = nameOrder(all.slice(0, listed).map((c) => [c.id, c.name]))
        expect(awardStandings(category, all, order)).toEqual(collated)
      }),
    )
  })
})
