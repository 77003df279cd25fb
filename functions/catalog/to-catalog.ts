import type { Agency, Dataset, LocalizedText, Resource } from '../../shared/catalog.js'
import type { BadResourceUrl } from '../../shared/catalog-update.js'
import { catalogText } from '../../shared/printable.js'
import { downloadUrl, MAX_URL_LENGTH } from '../../shared/urls.js'
import type { CkanOrganization, CkanPackage } from './ckan-schema.js'
import { mappedPlacement, UNMAPPED_GROUP } from './mapping.js'

type Extras = { key: string; value: unknown }[] | null | undefined

function extra(extras: Extras, key: string): string | undefined {
  const value = extras?.find((e) => e.key === key)?.value
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

/** Thai and English text of a CKAN title: `title_translated` when the portal has it, else the one title. */
function localized(
  title: string | null | undefined,
  translated: Record<string, string | null | undefined> | null | undefined,
  fallback: string,
  englishExtra?: string,
): LocalizedText {
  const th = catalogText(translated?.th || title || fallback).text
  return { th, en: catalogText(translated?.en || englishExtra || th).text }
}

/**
 * Agencies from CKAN organizations. The parent comes from the portal's hierarchy (ckanext-hierarchy: a
 * group membership with capacity "parent") when it has one, else from the mapping file; so does the award
 * group, which falls back to "unmapped" (listed in the sync result) when neither knows the organization.
 */
export function toAgencies(orgs: readonly CkanOrganization[]): { agencies: Agency[]; unmapped: string[] } {
  const byName = new Map(orgs.map((o) => [o.name, o]))
  const unmapped: string[] = []
  const agencies = orgs.map((o): Agency => {
    const mapped = mappedPlacement(o.name, o.id)
    const parentOrg = o.groups?.find((g) => g.capacity === 'parent' || g.capacity == null)
    const parent = parentOrg ? byName.get(parentOrg.name) : undefined
    const group = extra(o.extras, 'award_group') ?? mapped?.group
    if (!group) unmapped.push(o.name)
    const placement = parent
      ? {
          parentId: parent.id,
          parentName: localized(parent.title ?? parent.display_name, parent.title_translated, parent.name),
        }
      : {
          ...(mapped?.parentId ? { parentId: mapped.parentId } : {}),
          ...(mapped?.parentName ? { parentName: mapped.parentName } : {}),
        }
    return {
      agencyId: o.id,
      slug: catalogText(o.name, 200).text,
      name: localized(o.title ?? o.display_name, o.title_translated, o.name, extra(o.extras, 'title_en')),
      ...placement,
      group: group ?? UNMAPPED_GROUP,
      active: (o.state ?? 'active') === 'active',
    }
  })
  return { agencies, unmapped }
}

const isLive = (state: string | null | undefined) => (state ?? 'active') === 'active'

/**
 * Datasets and resources from CKAN packages. A private, deleted or draft package is inactive, and so are
 * its resources; a deleted resource is inactive. Packages without a known organization are skipped.
 */
export function toDatasets(packages: readonly CkanPackage[], agencyIds: ReadonlySet<string>) {
  const datasets: Dataset[] = []
  const resources: Resource[] = []
  const badUrls: BadResourceUrl[] = []
  let skipped = 0
  for (const p of packages) {
    if (!p.owner_org || !agencyIds.has(p.owner_org)) {
      skipped++
      continue
    }
    const active = isLive(p.state) && p.private !== true
    const own = (p.resources ?? []).map((r): Resource => {
      // A resource whose URL cannot be a download (none, not http(s), control characters) is kept inactive:
      // the redirect would have nowhere safe to go. DGA reads why in the sync result.
      const checked = downloadUrl(r.url ?? '')
      if (!checked.ok && r.url) badUrls.push({ resourceId: r.id, datasetId: p.id, reason: checked.reason })
      return {
        resourceId: r.id,
        datasetId: p.id,
        agencyId: p.owner_org as string,
        url: checked.ok ? checked.url : (r.url ?? '').slice(0, MAX_URL_LENGTH),
        format: (r.format ?? '').toUpperCase(),
        active: active && isLive(r.state) && checked.ok,
      }
    })
    resources.push(...own)
    datasets.push({
      datasetId: p.id,
      agencyId: p.owner_org,
      slug: catalogText(p.name, 200).text,
      title: localized(p.title, p.title_translated, p.name, extra(p.extras, 'title_en')),
      active,
      resourceIds: own.map((r) => r.resourceId),
    })
  }
  return { datasets, resources, skipped, badUrls }
}
