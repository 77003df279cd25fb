import * as z from 'zod'

/** CKAN's `title_translated` (ckanext-fluent/scheming): `{th, en}` and perhaps more languages. */
const translated = z.record(z.string(), z.string().nullish()).nullish()
const extras = z.array(z.object({ key: z.string(), value: z.unknown() })).nullish()

/** An organization of `organization_list?all_fields=true` (CKAN 2.9/2.10), with what we read of it. */
export const ckanOrganization = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  title: z.string().nullish(),
  display_name: z.string().nullish(),
  title_translated: translated,
  state: z.string().nullish(),
  is_organization: z.boolean().nullish(),
  extras,
  // ckanext-hierarchy: the parent organization is a group membership with capacity "parent".
  groups: z.array(z.object({ name: z.string(), capacity: z.string().nullish() })).nullish(),
})
export type CkanOrganization = z.infer<typeof ckanOrganization>

export const organizationListResult = z.array(ckanOrganization)

export const ckanResource = z.object({
  id: z.string().min(1),
  url: z.string().nullish(),
  format: z.string().nullish(),
  state: z.string().nullish(),
})
export type CkanResource = z.infer<typeof ckanResource>

export const ckanPackage = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  title: z.string().nullish(),
  title_translated: translated,
  owner_org: z.string().nullish(),
  private: z.boolean().nullish(),
  state: z.string().nullish(),
  type: z.string().nullish(),
  extras,
  resources: z.array(ckanResource).nullish(),
})
export type CkanPackage = z.infer<typeof ckanPackage>

export const packageSearchResult = z.object({
  count: z.number().int().nonnegative(),
  results: z.array(ckanPackage),
})
