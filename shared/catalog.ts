/** Thai first, English second: every name a person reads comes in both. */
export interface LocalizedText {
  th: string
  en: string
}

/** An agency: a CKAN organization, with its parent (ministry or independent body) and award group. */
export interface Agency {
  agencyId: string
  slug: string
  name: LocalizedText
  parentId?: string
  parentName?: LocalizedText
  group: string
  active: boolean
  /** The portal its organization is listed on (absent: the default portal). */
  portal?: string
}

/** A dataset: a CKAN package owned by one agency. */
export interface Dataset {
  datasetId: string
  agencyId: string
  slug: string
  title: LocalizedText
  active: boolean
  /** Its resources on every portal that lists the dataset (a harvested copy's included). */
  resourceIds: string[]
  /** The portal whose package gives the dataset its id (absent: the default portal). */
  portal?: string
}

/** A resource: one downloadable file of a dataset. */
export interface Resource {
  resourceId: string
  datasetId: string
  agencyId: string
  url: string
  format: string
  active: boolean
  /** The portal that lists the resource (absent: the default portal). */
  portal?: string
}

/**
 * Datasets in columns, for a snapshot: one array per field (a new process parses 100,000 datasets' columns in a
 * fraction of the time their objects take); `slug` 0 when it is the id, `agency` an index into `agencyIds`,
 * only the inactive ones and those with a portal listed.
 */
export interface DatasetColumns {
  ids: string[]
  agencyIds: string[]
  agency: number[]
  slug: (string | 0)[]
  th: string[]
  en: string[]
  inactive: number[]
  portal: [index: number, portal: string][]
}

/**
 * A dataset as the read model lists it: without its resources (100,000 arrays a new process would parse and
 * keep for nothing; downloads are counted by dataset, and the resources live in the store's catalog).
 */
export type ListedDataset = Omit<Dataset, 'resourceIds'>

/** Datasets in columns. */
export function datasetColumns(datasets: readonly ListedDataset[]): DatasetColumns {
  const agencyIndex = new Map<string, number>()
  const columns: DatasetColumns = {
    ids: [],
    agencyIds: [],
    agency: [],
    slug: [],
    th: [],
    en: [],
    inactive: [],
    portal: [],
  }
  datasets.forEach((d, k) => {
    columns.ids.push(d.datasetId)
    const a = agencyIndex.get(d.agencyId) ?? columns.agencyIds.push(d.agencyId) - 1
    agencyIndex.set(d.agencyId, a)
    columns.agency.push(a)
    columns.slug.push(d.slug === d.datasetId ? 0 : d.slug)
    columns.th.push(d.title.th)
    columns.en.push(d.title.en)
    if (!d.active) columns.inactive.push(k)
    if (d.portal !== undefined) columns.portal.push([k, d.portal])
  })
  return columns
}

/**
 * The k-th dataset back from its columns (as `datasetColumns` took it), built when asked for (a new process looks
 * up a few of 100,000).
 */
export function datasetFromColumns(columns: DatasetColumns): (k: number) => ListedDataset {
  const { ids, agencyIds, agency, slug, th, en } = columns
  const inactive = new Set(columns.inactive)
  const portals = new Map(columns.portal)
  return (k) => {
    const id = ids[k] as string
    const dataset: ListedDataset = {
      datasetId: id,
      agencyId: agencyIds[agency[k] as number] as string,
      slug: slug[k] || id,
      title: { th: th[k] as string, en: en[k] as string },
      active: !inactive.has(k),
    }
    const portal = portals.get(k)
    if (portal !== undefined) dataset.portal = portal
    return dataset
  }
}
