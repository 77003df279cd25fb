import { describe, expect, it } from 'vitest'
import {
  linkHarvestedDatasets,
  matchAgencies,
  type PortalOrgRef,
  type PortalPackageRef,
  portalKey,
} from '../../shared/harvest-links.js'
import type { Portal } from '../../shared/portals.js'

const portals: Portal[] = [
  { name: 'national', url: 'https://data.go.th' },
  { name: 'opdc', url: 'https://opdc.example/ckan' },
]
const pkg = (portal: string, id: string, name: string, links: string[] = []): PortalPackageRef => ({
  portal,
  id,
  name,
  links,
})

describe('harvested datasets are one dataset', () => {
  it.each<[string, PortalPackageRef, PortalPackageRef, boolean]>([
    ['equal package ids', pkg('opdc', 'p1', 'budget'), pkg('national', 'p1', 'budget-copy'), true],
    [
      'a guid naming the other portal’s package id',
      pkg('opdc', 'p1', 'budget'),
      pkg('national', 'n1', 'budget', ['p1']),
      true,
    ],
    [
      'an original URL at the other portal’s dataset page, by name',
      pkg('opdc', 'p1', 'budget'),
      pkg('national', 'n1', 'budget', ['https://opdc.example/ckan/dataset/budget']),
      true,
    ],
    [
      'a dataset page with a language prefix, http instead of https, and a trailing slash',
      pkg('opdc', 'p1', 'budget'),
      pkg('national', 'n1', 'x', ['http://OPDC.example/ckan/th/dataset/p1/']),
      true,
    ],
    [
      'a link from the source to its copy',
      pkg('opdc', 'p1', 'budget', ['https://data.go.th/dataset/budget-2567']),
      pkg('national', 'n1', 'budget-2567'),
      true,
    ],
    [
      'a dataset page of a portal that is not configured',
      pkg('opdc', 'p1', 'budget'),
      pkg('national', 'n1', 'budget', ['https://other.example/dataset/budget']),
      false,
    ],
    [
      'a resource page, not a dataset page',
      pkg('opdc', 'p1', 'budget'),
      pkg('national', 'n1', 'x', ['https://opdc.example/ckan/dataset/budget/resource/r1']),
      false,
    ],
    [
      'the same name on two portals, and nothing else',
      pkg('opdc', 'p1', 'budget'),
      pkg('national', 'n1', 'budget'),
      false,
    ],
    [
      'a dataset page naming a package that portal does not have',
      pkg('national', 'n2', 'budget'),
      pkg('national', 'n1', 'x', ['https://opdc.example/ckan/dataset/n2']),
      false,
    ],
  ])('%s: linked %s', (_, a, b, linked) => {
    const ids = linkHarvestedDatasets(portals, [a, b])
    expect(ids.get(portalKey(a.portal, a.id)) === ids.get(portalKey(b.portal, b.id))).toBe(linked)
  })

  it('keeps the id of the package on the portal listed first, whichever way the link points', () => {
    const ids = linkHarvestedDatasets(portals, [
      pkg('opdc', 'p1', 'budget'),
      pkg('national', 'n1', 'budget', ['https://opdc.example/ckan/dataset/budget']),
      pkg('opdc', 'p2', 'other'),
    ])
    expect(ids.get(portalKey('opdc', 'p1'))).toBe('n1')
    expect(ids.get(portalKey('national', 'n1'))).toBe('n1')
    expect(ids.get(portalKey('opdc', 'p2'))).toBe('p2')
  })

  it('joins a chain: a provincial copy of a department copy of a ministry dataset', () => {
    const three: Portal[] = [...portals, { name: 'province', url: 'https://province.example' }]
    const ids = linkHarvestedDatasets(three, [
      pkg('province', 'v1', 'roads', ['https://opdc.example/ckan/dataset/roads']),
      pkg('opdc', 'p1', 'roads', ['https://data.go.th/dataset/n-roads']),
      pkg('national', 'n1', 'n-roads'),
    ])
    expect(new Set(ids.values())).toEqual(new Set(['n1']))
  })
})

describe('agencies are matched across portals', () => {
  const org = (portal: string, id: string, name: string, sameAs?: string): PortalOrgRef => ({
    portal,
    id,
    name,
    ...(sameAs ? { sameAs } : {}),
  })
  it.each<[string, PortalOrgRef, PortalOrgRef, boolean]>([
    ['the same organization id', org('national', 'o1', 'opdc'), org('opdc', 'o1', 'office'), true],
    ['the same organization name', org('national', 'o1', 'opdc'), org('opdc', 'x9', 'opdc'), true],
    ['the mapping file, by name', org('national', 'o1', 'opdc'), org('opdc', 'x9', 'office', 'opdc'), true],
    ['the mapping file, by id', org('national', 'o1', 'opdc'), org('opdc', 'x9', 'office', 'o1'), true],
    ['neither id nor name nor mapping', org('national', 'o1', 'opdc'), org('opdc', 'x9', 'office'), false],
  ])('%s: matched %s', (_, a, b, matched) => {
    const ids = matchAgencies(portals, [a, b])
    const same = ids.get(portalKey(a.portal, a.id)) === ids.get(portalKey(b.portal, b.id))
    expect(same).toBe(matched)
    if (matched) expect(ids.get(portalKey(b.portal, b.id))).toBe(a.id)
  })
})
