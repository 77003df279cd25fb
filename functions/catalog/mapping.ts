import type { LocalizedText } from '../../shared/catalog.js'
import mapping from './agency-mapping.json' with { type: 'json' }

/** The award group of an organization the mapping file does not know: listed by the sync for DGA to fix. */
export const UNMAPPED_GROUP = 'unmapped'

export interface AgencyPlacement {
  parentId?: string
  parentName?: LocalizedText
  group: string
}

const parents: Record<string, LocalizedText> = mapping.parents
const organizations: Record<string, { parent?: string; group: string }> = mapping.organizations
const sameAs: Record<string, string> = mapping.sameAs

/**
 * The organization (name or id, on another portal) the mapping file says an organization of `portal` is, when
 * neither their ids nor their names match; keyed `portal/name` in the file.
 */
export function mappedSameAs(portal: string, name: string): string | undefined {
  return sameAs[`${portal}/${name}`]
}

/** Parent and award group of an organization from the mapping file (by name, then by id); undefined if unknown. */
export function mappedPlacement(name: string, id: string): AgencyPlacement | undefined {
  const entry = organizations[name] ?? organizations[id]
  if (!entry) return undefined
  const parentName = entry.parent ? parents[entry.parent] : undefined
  return {
    group: entry.group,
    ...(entry.parent ? { parentId: entry.parent } : {}),
    ...(parentName ? { parentName } : {}),
  }
}
