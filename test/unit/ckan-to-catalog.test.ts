import { describe, expect, it } from 'vitest'
import type { CkanOrganization, CkanPackage } from '../../functions/catalog/ckan-schema.js'
import { toAgencies, toDatasets } from '../../functions/catalog/to-catalog.js'

const org = (name: string, extra: Partial<CkanOrganization> = {}): CkanOrganization => ({
  id: `id-${name}`,
  name,
  title: `ชื่อ ${name}`,
  state: 'active',
  ...extra,
})

const pkg = (extra: Partial<CkanPackage> = {}): CkanPackage => ({
  id: 'p1',
  name: 'dataset-1',
  title: 'ชุดข้อมูลหนึ่ง',
  owner_org: 'id-dopa',
  private: false,
  state: 'active',
  resources: [{ id: 'r1', url: 'https://example.go.th/a.csv', format: 'csv', state: 'active' }],
  ...extra,
})

describe('agencies from CKAN organizations', () => {
  it.each([
    ['the mapping file places a known organization', org('dopa'), { parentId: 'moi', group: 'department' }],
    [
      'the portal hierarchy gives the parent; the mapping the group',
      org('dopa', { groups: [{ name: 'ministry-x', capacity: 'parent' }] }),
      {
        parentId: 'id-ministry-x',
        parentName: { th: 'ชื่อ ministry-x', en: 'ชื่อ ministry-x' },
        group: 'department',
      },
    ],
    [
      'an award_group extra wins over the mapping',
      org('dopa', { extras: [{ key: 'award_group', value: 'special' }] }),
      { group: 'special' },
    ],
    ['an unknown organization is unmapped', org('somewhere-new'), { group: 'unmapped' }],
    [
      'title_translated gives Thai and English',
      org('nso', { title_translated: { th: 'สำนักงานสถิติแห่งชาติ', en: 'National Statistical Office' } }),
      { name: { th: 'สำนักงานสถิติแห่งชาติ', en: 'National Statistical Office' } },
    ],
  ])('%s', (_, organization, expected) => {
    const { agencies } = toAgencies([organization, org('ministry-x')])
    expect(agencies[0]).toMatchObject(expected)
  })

  it('lists the unmapped organizations', () => {
    expect(toAgencies([org('dopa'), org('new-one')]).unmapped).toEqual(['new-one'])
  })
})

describe('datasets and resources from CKAN packages', () => {
  it.each([
    ['an active public package', pkg(), true, true],
    ['a private package', pkg({ private: true }), false, false],
    ['a deleted package', pkg({ state: 'deleted' }), false, false],
    ['a draft package', pkg({ state: 'draft' }), false, false],
    [
      'a deleted resource',
      pkg({ resources: [{ id: 'r1', url: 'https://x/a.csv', state: 'deleted' }] }),
      true,
      false,
    ],
    ['a resource without a URL', pkg({ resources: [{ id: 'r1', url: '' }] }), true, false],
  ])('%s: dataset active %s, resource active %s', (_, p, datasetActive, resourceActive) => {
    const { datasets, resources } = toDatasets([p], new Set(['id-dopa']))
    expect(datasets[0]?.active).toBe(datasetActive)
    expect(resources[0]?.active).toBe(resourceActive)
  })

  it('upper-cases formats and skips packages of unknown organizations', () => {
    const { datasets, resources, skipped } = toDatasets(
      [pkg(), pkg({ id: 'p2', owner_org: 'id-elsewhere' }), pkg({ id: 'p3', owner_org: null })],
      new Set(['id-dopa']),
    )
    expect(datasets.map((d) => d.datasetId)).toEqual(['p1'])
    expect(resources[0]).toMatchObject({ format: 'CSV', datasetId: 'p1', agencyId: 'id-dopa' })
    expect(skipped).toBe(2)
  })
})

describe('resource URLs from a portal, which is other people’s data', () => {
  it.each([
    ['a Thai file name is kept, percent-encoded', 'https://example.go.th/ข้อมูล ปี 2566.csv', true],
    ['javascript: is refused', 'javascript:alert(1)', false],
    ['data: is refused', 'data:text/html,<b>x</b>', false],
    ['a protocol-relative URL is refused', '//evil.example/x.csv', false],
    ['CR/LF is refused', 'https://example.go.th/a.csv\r\nSet-Cookie: x=1', false],
  ])('%s', (_, url, active) => {
    const { resources, badUrls } = toDatasets(
      [pkg({ resources: [{ id: 'r1', url, format: 'csv', state: 'active' }] })],
      new Set(['id-dopa']),
    )
    expect(resources[0]?.active).toBe(active)
    if (active) expect(resources[0]?.url).toBe(new URL(url).href)
    expect(badUrls.map((b) => b.resourceId)).toEqual(active ? [] : ['r1'])
    if (!active) expect(badUrls[0]?.reason).toMatch(/URL/)
  })
})

describe('catalog text from a portal', () => {
  it('keeps a 70,000-character title with a line break as one line of 500 characters', () => {
    const { datasets } = toDatasets(
      [pkg({ title: `สถิติ\r\nBcc: x@example.go.th ${'ข'.repeat(70_000)}` })],
      new Set(['id-dopa']),
    )
    const title = datasets[0]?.title.th ?? ''
    expect(title).toMatch(/^สถิติ Bcc: x@example\.go\.th ข+…$/)
    expect([...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(title)]).toHaveLength(500)
  })
})
