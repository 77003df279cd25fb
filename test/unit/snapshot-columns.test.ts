import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { datasetColumns, datasetFromColumns, type ListedDataset } from '../../shared/catalog.js'
import { COUNT_FIELDS, type Counts } from '../../shared/counting/count-day.js'
import {
  type CountsById,
  packCounts,
  packOrder,
  rankCounts,
  type SubjectCounts,
  unpackCounts,
  unpackOrder,
} from '../../shared/counting/period-counts.js'

/** Counts with each field set by `value`. */
const countsOf = (value: (field: string, i: number) => number) =>
  Object.fromEntries(COUNT_FIELDS.map((f, i) => [f, value(f, i)])) as unknown as Counts

/** Through JSON, as a snapshot is stored and read. */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

const count = fc.nat({ max: 1_000_000 })
const countsArb = fc.record(
  Object.fromEntries(COUNT_FIELDS.map((f) => [f, count])) as Record<
    keyof Omit<Counts, 'byPortal'>,
    typeof count
  >,
)
const subjectCounts = fc.record(
  {
    counts: countsArb,
    agencyId: fc.constantFrom('agency-a', 'agency-b', 'กรม-ค'),
    byPortal: fc.dictionary(fc.constantFrom('gdcatalog', 'province'), fc.integer({ min: 1, max: 99 }), {
      minKeys: 1,
    }),
  },
  { requiredKeys: ['counts'] },
)

describe('a counted order in columns (read-model snapshots)', () => {
  it('comes back in its order, with its counts and ranks, catalog entries named by their index', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1 }), subjectCounts, fc.boolean()), {
          selector: ([id]) => id,
        }),
        (rows) => {
          const counts: CountsById = new Map(
            rows.map(([id, { counts: c, agencyId, byPortal }]) => [
              id,
              { ...c, ...(agencyId ? { agencyId } : {}), ...(byPortal ? { byPortal } : {}) },
            ]),
          )
          // Some ids are the catalog's (named by index), the others kept as they are.
          const catalog = rows.filter(([, , listed]) => listed).map(([id]) => id)
          const index = new Map(catalog.map((id, k) => [id, k]))
          const order = rankCounts([...counts.keys()], counts, (id) => id)
          const back = unpackOrder(
            stored(packOrder(order, (id) => index.get(id))),
            (k) => catalog[k] as string,
          )
          expect(back).toEqual(order)
        },
      ),
    )
  })
})

describe('counts in columns (read-model snapshots)', () => {
  it('come back as they were packed: agencies, every count field, portal breakdowns, order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1 }), subjectCounts), { selector: ([id]) => id }),
        (rows) => {
          const counts: CountsById = new Map(
            rows.map(([id, { counts: c, agencyId, byPortal }]) => [
              id,
              { ...c, ...(agencyId ? { agencyId } : {}), ...(byPortal ? { byPortal } : {}) },
            ]),
          )
          const back = unpackCounts(stored(packCounts(counts)))
          expect([...back.keys()]).toEqual([...counts.keys()])
          expect(back).toEqual(counts)
        },
      ),
    )
  })

  it.each([
    ['nothing', new Map()],
    [
      'an agency without its own agency, a dataset with one',
      new Map<string, SubjectCounts>([
        ['agency-a', countsOf((_f, i) => i)],
        ['dataset-1', { ...countsOf(() => 3), agencyId: 'agency-a' }],
      ]),
    ],
  ] as [string, CountsById][])('keep %s', (_name, counts) => {
    const back = unpackCounts(stored(packCounts(counts)))
    expect(back).toEqual(counts)
    for (const c of back.values()) expect('agencyId' in c).toBe(c.agencyId !== undefined)
  })
})

const datasetArb = fc.record(
  {
    datasetId: fc.string({ minLength: 1 }),
    agencyId: fc.constantFrom('agency-a', 'agency-b', 'กรม-ค'),
    slug: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
    title: fc.record({ th: fc.string(), en: fc.string() }),
    active: fc.boolean(),
    portal: fc.constantFrom('gdcatalog', 'province'),
  },
  { requiredKeys: ['datasetId', 'agencyId', 'slug', 'title', 'active'] },
)

describe('datasets in columns (the catalog snapshot)', () => {
  it('come back as they were: slugs equal to the id or not, inactive ones, portals, order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(datasetArb, { selector: (d) => d.datasetId }), (drafts) => {
        const datasets: ListedDataset[] = drafts.map(({ slug, portal, ...d }) => ({
          ...d,
          slug: slug ?? d.datasetId,
          ...(portal ? { portal } : {}),
        }))
        const at = datasetFromColumns(stored(datasetColumns(datasets)))
        expect(datasets.map((_, k) => at(k))).toEqual(datasets)
      }),
    )
  })

  it('store a slug only where it differs from the id, and only the inactive and the portals listed', () => {
    const columns = datasetColumns([
      {
        datasetId: 'd1',
        agencyId: 'a',
        slug: 'd1',
        title: { th: 'ก', en: 'A' },
        active: true,
      },
      {
        datasetId: 'd2',
        agencyId: 'a',
        slug: 'other',
        title: { th: 'ข', en: 'B' },
        active: false,
        portal: 'p',
      },
    ])
    expect(columns).toMatchObject({
      slug: [0, 'other'],
      agencyIds: ['a'],
      agency: [0, 0],
      inactive: [1],
      portal: [[1, 'p']],
    })
  })
})
