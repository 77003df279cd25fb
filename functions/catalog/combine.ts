import type { Agency, Dataset, Resource } from '../../shared/catalog.js'
import type { BadResourceUrl, CatalogSnapshot } from '../../shared/catalog-update.js'
import {
  HARVEST_LINK_EXTRAS,
  linkHarvestedDatasets,
  matchAgencies,
  type PortalOrgRef,
  type PortalPackageRef,
  portalKey,
} from '../../shared/harvest-links.js'
import type { Portal } from '../../shared/portals.js'
import type { CkanOrganization, CkanPackage } from './ckan-schema.js'
import { mappedSameAs } from './mapping.js'
import { toAgencies, toDatasets } from './to-catalog.js'

/** One portal's validated answers. */
export interface FetchedPortal {
  portal: Portal
  orgs: CkanOrganization[]
  packages: CkanPackage[]
}

/** Whether a stored item belongs to a portal (items of the default portal carry no portal). */
export const ofPortal = (
  item: { portal?: string | undefined },
  name: string,
  defaultPortal: string,
): boolean => (item.portal ?? defaultPortal) === name

/** The harvest links of a package: its link extras and its source (`url`) field. */
function linksOf(p: CkanPackage): string[] {
  const links = (p.extras ?? [])
    .filter((e) => (HARVEST_LINK_EXTRAS as readonly string[]).includes(e.key))
    .map((e) => e.value)
  const url = (p as { url?: unknown }).url
  return [...links, url].filter((v): v is string => typeof v === 'string' && v.trim() !== '')
}

/** Adds `portal` to an item of a portal other than the default one. */
const tagged = <T extends object>(item: T, portal: string, defaultPortal: string): T =>
  portal === defaultPortal ? item : { ...item, portal }

/**
 * The catalog of every portal as one: each portal's organizations and packages converted as for one portal,
 * organizations that are one agency (same id or name, or the mapping file) kept once under the first portal's
 * id, harvested copies of a dataset kept once (shared/harvest-links.ts) with every portal's resources attached
 * to it. Portals whose fetch failed (`carried`) take part with what is stored of them, unchanged.
 */
export function combinePortals(
  portals: readonly Portal[],
  fetched: readonly FetchedPortal[],
  carried: CatalogSnapshot,
) {
  const defaultPortal = portals[0]?.name as string
  const orgRefs: PortalOrgRef[] = [
    ...fetched.flatMap(({ portal, orgs }) =>
      orgs.map((o) => {
        const sameAs = mappedSameAs(portal.name, o.name)
        return { portal: portal.name, id: o.id, name: o.name, ...(sameAs ? { sameAs } : {}) }
      }),
    ),
    ...carried.agencies.map((a) => ({ portal: a.portal ?? defaultPortal, id: a.agencyId, name: a.slug })),
  ]
  const agencyOf = matchAgencies(portals, orgRefs)
  const packageRefs: PortalPackageRef[] = [
    ...fetched.flatMap(({ portal, packages }) =>
      packages.map((p) => ({ portal: portal.name, id: p.id, name: p.name, links: linksOf(p) })),
    ),
    ...carried.datasets.map((d) => ({
      portal: d.portal ?? defaultPortal,
      id: d.datasetId,
      name: d.slug,
      links: [],
    })),
  ]
  const datasetOf = linkHarvestedDatasets(portals, packageRefs)

  const agencies = new Map<string, Agency>(carried.agencies.map((a) => [a.agencyId, a]))
  const datasets = new Map<string, Dataset>(carried.datasets.map((d) => [d.datasetId, d]))
  const resources = new Map<string, Resource>(carried.resources.map((r) => [r.resourceId, r]))
  const unmapped: string[] = []
  const badUrls: BadResourceUrl[] = []
  let skipped = 0
  // Portals in their listed order: the first portal's item of an agency, dataset or resource is the one kept.
  const order = new Map(portals.map((p, i) => [p.name, i]))
  const sorted = [...fetched].sort(
    (a, b) => (order.get(a.portal.name) ?? 0) - (order.get(b.portal.name) ?? 0),
  )
  for (const { portal, orgs, packages } of sorted) {
    const name = portal.name
    const converted = toAgencies(orgs)
    for (const a of converted.agencies) {
      const id = agencyOf.get(portalKey(name, a.agencyId)) ?? a.agencyId
      if (id === a.agencyId && !agencies.has(id)) agencies.set(id, tagged(a, name, defaultPortal))
      else if (a.active && agencies.get(id)?.active === false)
        agencies.set(id, { ...(agencies.get(id) as Agency), active: true })
    }
    unmapped.push(
      ...converted.unmapped.filter((o) => {
        const org = orgs.find((x) => x.name === o)
        return org && agencyOf.get(portalKey(name, org.id)) === org.id
      }),
    )
    const own = toDatasets(packages, new Set(converted.agencies.map((a) => a.agencyId)))
    skipped += own.skipped
    badUrls.push(...own.badUrls)
    const agencyId = (id: string) => agencyOf.get(portalKey(name, id)) ?? id
    const datasetId = (id: string) => datasetOf.get(portalKey(name, id)) ?? id
    for (const r of own.resources) {
      if (
        resources.has(r.resourceId) &&
        fetchedEarlier(resources.get(r.resourceId) as Resource, name, order, defaultPortal)
      )
        continue
      resources.set(
        r.resourceId,
        tagged(
          { ...r, datasetId: datasetId(r.datasetId), agencyId: agencyId(r.agencyId) },
          name,
          defaultPortal,
        ),
      )
    }
    for (const d of own.datasets) {
      const id = datasetId(d.datasetId)
      const held = datasets.get(id)
      if (held) {
        // A harvested copy: its resources join the dataset; the dataset is live while any copy is.
        datasets.set(id, {
          ...held,
          active: held.active || d.active,
          resourceIds: [...new Set([...held.resourceIds, ...d.resourceIds])],
        })
      } else {
        // Tagged with its own portal even when it takes another's id (that portal has never been synced).
        datasets.set(id, tagged({ ...d, datasetId: id, agencyId: agencyId(d.agencyId) }, name, defaultPortal))
      }
    }
  }
  return {
    agencies: [...agencies.values()],
    datasets: [...datasets.values()],
    resources: [...resources.values()],
    skipped,
    unmapped,
    badUrls,
  }
}

/** Whether a resource already held came from a portal listed before `portal` (then it is the one kept). */
function fetchedEarlier(held: Resource, portal: string, order: Map<string, number>, defaultPortal: string) {
  return (order.get(held.portal ?? defaultPortal) ?? 0) < (order.get(portal) ?? 0)
}
