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
