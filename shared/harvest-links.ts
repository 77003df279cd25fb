import type { Portal } from './portals.js'

/**
 * A dataset harvested from one portal into another is one dataset. The rule (docs/decisions.md):
 *
 * 1. equal package ids on two portals are one dataset (CKAN's own harvester keeps the remote package's id);
 * 2. a package whose harvest link — the extras `guid`, `harvest_url`, `original URL`/`original_url`, or its
 *    `url` (source) field — is another portal's package id, or the address of another configured portal's
 *    dataset page (`<portal>/dataset/<name or id>`, with or without a language prefix), is that package.
 *
 * Equal resource URLs and `harvest_source_*` alone are not links: many datasets point at the same file or API,
 * and a harvest source names a whole portal, not a dataset. The dataset keeps the id of its package on the
 * portal listed first, so counts already stored under the default portal's ids stay with their dataset.
 */

/** The extras whose value may name the package a harvested copy came from. */
export const HARVEST_LINK_EXTRAS = ['guid', 'harvest_url', 'original URL', 'original_url'] as const

/** A package of one portal, as the link rule reads it. */
export interface PortalPackageRef {
  portal: string
  id: string
  /** The package's name (slug): what its dataset page's address ends in. */
  name: string
  /** Values of the harvest link extras and the `url` field. */
  links: readonly string[]
}

/** An organization of one portal, as agency matching reads it. */
export interface PortalOrgRef {
  portal: string
  id: string
  name: string
  /** The organization name or id on another portal the mapping file says it is. */
  sameAs?: string
}

/** The key of one portal's package or organization in the maps below. */
export const portalKey = (portal: string, id: string): string => `${portal}\u0000${id}`

class UnionFind {
  private readonly parent = new Map<string, string>()
  find(x: string): string {
    let root = x
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) as string
    this.parent.set(x, root)
    return root
  }
  union(a: string, b: string): void {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.parent.set(rb, ra)
  }
}

const comparable = (url: string) =>
  url
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase()

/** The portal and package name or id a link addresses, when it is a configured portal's dataset page. */
function datasetPage(link: string, portals: readonly Portal[]): { portal: string; ref: string } | undefined {
  if (!/^https?:\/\//i.test(link)) return undefined
  const target = comparable(link.split(/[?#]/)[0] as string)
  for (const p of portals) {
    const base = comparable(p.url)
    if (!target.startsWith(`${base}/`)) continue
    const match = /^(?:[a-z]{2}(?:_[a-z]{2})?\/)?dataset\/([^/]+)$/.exec(target.slice(base.length + 1))
    if (!match) continue
    try {
      return { portal: p.name, ref: decodeURIComponent(match[1] as string) }
    } catch {
      return undefined
    }
  }
  return undefined
}

/** Where each member of a group goes: the member of the earliest-listed portal (then the smallest id). */
function canonicalOf<T extends { portal: string; id: string }>(
  items: readonly T[],
  groups: UnionFind,
  portals: readonly Portal[],
): Map<string, string> {
  const order = new Map(portals.map((p, i) => [p.name, i]))
  const rank = (t: T) => order.get(t.portal) ?? portals.length
  const best = new Map<string, T>()
  for (const t of items) {
    const root = groups.find(portalKey(t.portal, t.id))
    const held = best.get(root)
    if (!held || rank(t) < rank(held) || (rank(t) === rank(held) && t.id < held.id)) best.set(root, t)
  }
  return new Map(
    items.map((t) => [portalKey(t.portal, t.id), (best.get(groups.find(portalKey(t.portal, t.id))) as T).id]),
  )
}

/** For every package, the id of the dataset it is (its own, or the package it was harvested from or into). */
export function linkHarvestedDatasets(
  portals: readonly Portal[],
  packages: readonly PortalPackageRef[],
): Map<string, string> {
  const groups = new UnionFind()
  const byId = new Map<string, string[]>()
  const byPortalRef = new Map<string, string>()
  for (const p of packages) {
    const key = portalKey(p.portal, p.id)
    byId.set(p.id, [...(byId.get(p.id) ?? []), key])
    byPortalRef.set(portalKey(p.portal, p.id), key)
    byPortalRef.set(portalKey(p.portal, p.name), key)
  }
  for (const keys of byId.values()) for (const k of keys.slice(1)) groups.union(keys[0] as string, k)
  for (const p of packages) {
    const key = portalKey(p.portal, p.id)
    for (const link of p.links) {
      const page = datasetPage(link.trim(), portals)
      const targets = page
        ? [byPortalRef.get(portalKey(page.portal, page.ref))]
        : (byId.get(link.trim()) ?? []).filter((k) => k !== key)
      for (const t of targets) if (t && t !== key) groups.union(t, key)
    }
  }
  return canonicalOf(packages, groups, portals)
}

/**
 * For every organization, the agency it is: organizations of different portals with the same id or the same
 * name are one agency, and so are those the mapping file names as the same; the agency keeps the id of its
 * organization on the portal listed first.
 */
export function matchAgencies(
  portals: readonly Portal[],
  orgs: readonly PortalOrgRef[],
): Map<string, string> {
  const groups = new UnionFind()
  const first = new Map<string, string>()
  const join = (ref: string, key: string) => {
    const held = first.get(ref)
    if (held) groups.union(held, key)
    else first.set(ref, key)
  }
  for (const o of orgs) {
    const key = portalKey(o.portal, o.id)
    join(`id:${o.id}`, key)
    join(`name:${o.name}`, key)
  }
  for (const o of orgs) {
    if (!o.sameAs) continue
    const target = first.get(`name:${o.sameAs}`) ?? first.get(`id:${o.sameAs}`)
    if (target) groups.union(target, portalKey(o.portal, o.id))
  }
  return canonicalOf(orgs, groups, portals)
}
