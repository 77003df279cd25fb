import { describe, expect, it } from 'vitest'
import type { AwardCategoryView, AwardsResponse } from '../../shared/api.js'
import { DEFAULT_PROGRAMME } from '../../shared/awards.js'
import { parseWholeNumber } from '../../web/src/pages/Settings/numberInput.js'
import {
  type CategoryDraft,
  newCategory,
  type ProgrammeDraft,
  programmeDraft,
  readProgrammeForm,
} from '../../web/src/pages/Settings/programmeForm.js'
import { defaultTarget, readTargetForm, targetRows } from '../../web/src/pages/Settings/targetForm.js'

describe('a whole number typed into a form', () => {
  it.each([
    ['1500', { value: 1500 }],
    [' 1500 ', { value: 1500 }],
    ['12,345', { value: 12345 }],
    ['1,234,567', { value: 1234567 }],
    ['0', { value: 0 }],
    ['', { problem: { key: 'errRequired' } }],
    ['   ', { problem: { key: 'errRequired' } }],
    ['abc', { problem: { key: 'errNotNumber' } }],
    ['1e3', { problem: { key: 'errNotNumber' } }],
    ['12,34', { problem: { key: 'errNotNumber' } }],
    ['1 500', { problem: { key: 'errNotNumber' } }],
    ['12.5', { problem: { key: 'errWholeNumber' } }],
    ['-5', { problem: { key: 'errNegative' } }],
    ['-2.5', { problem: { key: 'errWholeNumber' } }],
    ['1000000000001', { problem: { key: 'errAtMost', detail: 1e12 } }],
  ] as const)('reads "%s" (0 up to 10^12) as %j', (text, expected) => {
    expect(parseWholeNumber(text, { min: 0, max: 1e12 })).toEqual(expected)
  })

  it.each([
    ['0', { problem: { key: 'errAtLeast', detail: 1 } }],
    ['1001', { problem: { key: 'errAtMost', detail: 1000 } }],
    ['1,000', { value: 1000 }],
  ] as const)('reads "%s" as places (1 to 1000) as %j', (text, expected) => {
    expect(parseWholeNumber(text, { min: 1, max: 1000 })).toEqual(expected)
  })
})

describe('the target form', () => {
  it.each([
    ['agency-1', '12,345', { agencyId: 'agency-1', body: { downloads: 12345 } }],
    ['agency-1', '0', { agencyId: 'agency-1', body: { downloads: 0 } }],
    ['', '100', { problems: { agency: { key: 'errPickAgency' } } }],
    ['agency-1', '-1', { problems: { downloads: { key: 'errNegative' } } }],
    ['agency-1', '10.5', { problems: { downloads: { key: 'errWholeNumber' } } }],
    ['agency-1', '', { problems: { downloads: { key: 'errRequired' } } }],
    ['', 'x', { problems: { agency: { key: 'errPickAgency' }, downloads: { key: 'errNotNumber' } } }],
  ] as const)('reads agency "%s" and "%s" as %j', (agencyId, downloads, expected) => {
    expect(readTargetForm(agencyId, downloads)).toEqual(expected)
  })
})

const category = (over: Partial<AwardCategoryView>): AwardCategoryView => ({
  id: 'agency-plaque',
  subject: 'agency',
  metric: 'downloads',
  places: 9,
  qualifying: 9,
  cutoff: 355,
  ties: false,
  standings: [],
  ...over,
})
const awards = (over: Partial<AwardsResponse>, categories: AwardCategoryView[]): AwardsResponse =>
  ({ fy: 2570, programme: { source: 'default' }, categories, ...over }) as AwardsResponse

describe('the default target of agencies without a DGA target', () => {
  it.each([
    [
      'the projected year-end cut-off while the year runs',
      awards({ provisional: true }, [category({ projectedCutoff: { low: 1700, mid: 1900, high: 2100 } })]),
      { kind: 'projected', low: 1700, mid: 1900, high: 2100 },
    ],
    [
      "the year's actual cut-off once it is over",
      awards({ provisional: false }, [category({ cutoff: 1539 })]),
      { kind: 'final', cutoff: 1539 },
    ],
    [
      'nothing for a year without data',
      awards({ provisional: true, noData: true }, [category({ cutoff: null, projectedCutoff: null })]),
      { kind: 'none' },
    ],
    ['nothing while the standings are not loaded', undefined, { kind: 'none' }],
    [
      'the agency category, not the dataset one',
      awards({ provisional: false }, [
        category({ id: 'dataset-certificate', subject: 'dataset', cutoff: 40 }),
        category({ cutoff: 900 }),
      ]),
      { kind: 'final', cutoff: 900 },
    ],
  ] as const)('is %s', (_, response, expected) => {
    expect(defaultTarget(response)).toEqual(expected)
  })
})

describe('the list of targets DGA set', () => {
  it('names each agency and sorts by Thai name, an unknown agency by its id', () => {
    const stamp = { fy: 2570, setBy: 'dga', setAt: '2026-12-01T00:00:00Z' }
    const names: Record<string, string> = { a: 'กรมอุตุนิยมวิทยา', b: 'กรมการปกครอง' }
    const rows = targetRows(
      [
        { ...stamp, agencyId: 'a', downloads: 1 },
        { ...stamp, agencyId: 'gone', downloads: 2 },
        { ...stamp, agencyId: 'b', downloads: 3 },
      ],
      (id) => names[id],
    )
    expect(rows.map((r) => [r.agencyId, r.name])).toEqual([
      ['b', 'กรมการปกครอง'],
      ['a', 'กรมอุตุนิยมวิทยา'],
      ['gone', 'gone'],
    ])
  })
})

const agency = (over: Partial<CategoryDraft> = {}): CategoryDraft => ({
  id: 'agency-plaque',
  subject: 'agency',
  places: '9',
  metric: 'downloads',
  maxPerAgency: '',
  perGroup: [],
  ...over,
})
const dataset = (over: Partial<CategoryDraft> = {}): CategoryDraft => ({
  ...agency({ id: 'dataset-certificate', subject: 'dataset', places: '49' }),
  ...over,
})
const draft = (...categories: CategoryDraft[]): ProgrammeDraft => ({ categories })

describe('the award programme form', () => {
  it('round-trips the default programme into the PUT body unchanged', () => {
    expect(readProgrammeForm(programmeDraft(DEFAULT_PROGRAMME))).toEqual({ body: DEFAULT_PROGRAMME })
  })

  it('leaves the counting rules out of the body (only a recount changes them)', () => {
    const programme = { ...DEFAULT_PROGRAMME, countingRules: 'counting-v2' as const }
    expect(readProgrammeForm(programmeDraft(programme))).toEqual({ body: DEFAULT_PROGRAMME })
  })

  it('keeps places per group and the per-agency limit through the form', () => {
    const programme = {
      categories: [
        { id: 'a', subject: 'agency' as const, places: 3, perGroup: { ministry: 2, provincial: 1 } },
        {
          id: 'd',
          subject: 'dataset' as const,
          places: 10,
          metric: 'uniqueDownloads' as const,
          maxPerAgency: 2,
        },
      ],
    }
    expect(readProgrammeForm(programmeDraft(programme))).toEqual({ body: programme })
  })

  it.each([
    [
      'places edited, with a thousands separator',
      draft(agency({ places: '1,000' })),
      {
        body: { categories: [{ id: 'agency-plaque', subject: 'agency', places: 1000, metric: 'downloads' }] },
      },
    ],
    [
      'no metric chosen: none sent',
      draft(agency({ metric: '' })),
      { body: { categories: [{ id: 'agency-plaque', subject: 'agency', places: 9 }] } },
    ],
    [
      'a constructor group is a group like any other',
      draft(agency({ places: '1', perGroup: [{ group: 'constructor', places: '1' }] })),
      {
        body: {
          categories: [
            {
              id: 'agency-plaque',
              subject: 'agency',
              places: 1,
              metric: 'downloads',
              perGroup: { constructor: 1 },
            },
          ],
        },
      },
    ],
  ])('reads %s', (_, form, expected) => {
    expect(readProgrammeForm(form)).toEqual(expected)
  })

  it.each([
    ['no category', draft(), [['categories', 'errNoCategories']]],
    [
      'eleven categories',
      draft(...Array.from({ length: 11 }, (_, i) => agency({ id: `c${i}` }))),
      [['categories', 'errTooManyCategories', 10]],
    ],
    ['empty places', draft(agency({ places: '' })), [['categories.0.places', 'errRequired']]],
    ['zero places', draft(agency({ places: '0' })), [['categories.0.places', 'errAtLeast', 1]]],
    ['negative places', draft(agency({ places: '-3' })), [['categories.0.places', 'errAtLeast', 1]]],
    ['fractional places', draft(agency({ places: '2.5' })), [['categories.0.places', 'errWholeNumber']]],
    ['too many places', draft(agency({ places: '5000' })), [['categories.0.places', 'errAtMost', 1000]]],
    ['an empty id', draft(agency({ id: '' })), [['categories.0.id', 'errCategoryId']]],
    ['an id in capitals', draft(agency({ id: 'Agency' })), [['categories.0.id', 'errCategoryId']]],
    [
      'a duplicate id',
      draft(agency(), dataset({ id: 'agency-plaque' })),
      [['categories.1.id', 'errDuplicateId']],
    ],
    [
      'a zero limit per agency',
      draft(dataset({ maxPerAgency: '0' })),
      [['categories.0.maxPerAgency', 'errAtLeast', 1]],
    ],
    [
      'places per group that do not add up',
      draft(
        agency({
          places: '9',
          perGroup: [
            { group: 'ministry', places: '5' },
            { group: 'local', places: '3' },
          ],
        }),
      ),
      [['categories.0.perGroup', 'errPerGroupSum', 8]],
    ],
    [
      'a group without a name',
      draft(agency({ places: '1', perGroup: [{ group: ' ', places: '1' }] })),
      [['categories.0.perGroup.0.group', 'errGroupName']],
    ],
    [
      'a group listed twice',
      draft(
        agency({
          places: '2',
          perGroup: [
            { group: 'm', places: '1' },
            { group: 'm', places: '1' },
          ],
        }),
      ),
      [['categories.0.perGroup.1.group', 'errDuplicateGroup']],
    ],
    [
      'a group without places (and no sum message on top)',
      draft(agency({ places: '2', perGroup: [{ group: 'm', places: '' }] })),
      [['categories.0.perGroup.0.places', 'errRequired']],
    ],
    [
      'problems in several categories at once',
      draft(agency({ places: 'x' }), dataset({ places: '', id: 'bad id' })),
      [
        ['categories.0.places', 'errNotNumber'],
        ['categories.1.id', 'errCategoryId'],
        ['categories.1.places', 'errRequired'],
      ],
    ],
  ] as const)('refuses %s', (_, form, expected) => {
    const result = readProgrammeForm(form)
    expect('problems' in result).toBe(true)
    const problems = 'problems' in result ? result.problems : []
    expect(problems.map((p) => [p.field, p.key, ...(p.detail === undefined ? [] : [p.detail])])).toEqual(
      expected,
    )
  })

  it('adds a category with an id not yet taken', () => {
    const taken = [agency({ id: 'agency-award' }), agency({ id: 'agency-award-2' })]
    expect(newCategory('agency', taken)).toMatchObject({
      id: 'agency-award-3',
      subject: 'agency',
      places: '',
    })
    expect(newCategory('dataset', taken).id).toBe('dataset-award')
  })
})
