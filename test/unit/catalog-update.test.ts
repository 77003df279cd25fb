import { describe, expect, it } from 'vitest'
import type { Agency, Dataset, Resource } from '../../shared/catalog.js'
import { planCatalogUpdate } from '../../shared/catalog-update.js'

const agency = (id: string, extra: Partial<Agency> = {}): Agency => ({
  agencyId: id,
  slug: id,
  name: { th: `หน่วยงาน ${id}`, en: id },
  group: 'department',
  active: true,
  ...extra,
})
const dataset = (id: string, resourceIds: string[], extra: Partial<Dataset> = {}): Dataset => ({
  datasetId: id,
  agencyId: 'a1',
  slug: id,
  title: { th: `ชุดข้อมูล ${id}`, en: id },
  active: true,
  resourceIds,
  ...extra,
})
const resource = (id: string, datasetId: string, extra: Partial<Resource> = {}): Resource => ({
  resourceId: id,
  datasetId,
  agencyId: 'a1',
  url: `https://example.go.th/${id}.csv`,
  format: 'CSV',
  active: true,
  ...extra,
})

const stored = {
  agencies: [agency('a1'), agency('a2')],
  datasets: [dataset('d1', ['r1', 'r2']), dataset('d2', ['r3'])],
  resources: [resource('r1', 'd1'), resource('r2', 'd1'), resource('r3', 'd2')],
}

describe('planning a catalog sync', () => {
  it.each([
    ['an unchanged source writes nothing', stored, { agencies: [], datasets: [], resources: [] }],
    [
      'a vanished agency, dataset and resource are marked inactive, never deleted',
      {
        agencies: [agency('a1')],
        datasets: [dataset('d1', ['r1'])],
        resources: [resource('r1', 'd1')],
      },
      {
        agencies: [agency('a2', { active: false })],
        datasets: [dataset('d2', ['r3'], { active: false })],
        resources: [resource('r2', 'd1', { active: false }), resource('r3', 'd2', { active: false })],
      },
    ],
    [
      'a renamed dataset and a new resource are written; the dataset keeps the ids it had',
      {
        ...stored,
        datasets: [dataset('d1', ['r4'], { title: { th: 'ชื่อใหม่', en: 'new' } }), dataset('d2', ['r3'])],
        resources: [...stored.resources, resource('r4', 'd1')],
      },
      {
        agencies: [],
        datasets: [dataset('d1', ['r4', 'r1', 'r2'], { title: { th: 'ชื่อใหม่', en: 'new' } })],
        resources: [resource('r4', 'd1')],
      },
    ],
  ])('%s', (_, fetched, write) => {
    expect(planCatalogUpdate(stored, fetched).write).toEqual(write)
  })

  it('counts active and inactive items of the catalog after the sync', () => {
    const plan = planCatalogUpdate(stored, { agencies: [agency('a1')], datasets: [], resources: [] })
    expect(plan.totals).toEqual({
      agencies: { active: 1, inactive: 1 },
      datasets: { active: 0, inactive: 2 },
      resources: { active: 0, inactive: 3 },
    })
  })

  it('sees no change in key order or missing optional fields', () => {
    const reordered = {
      ...stored,
      agencies: stored.agencies.map(({ agencyId, ...rest }) => ({ ...rest, parentId: undefined, agencyId })),
    }
    expect(planCatalogUpdate(stored, reordered).write.agencies).toEqual([])
  })
})
