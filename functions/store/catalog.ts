import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { Agency, Dataset, Resource } from '../../shared/catalog.js'
import type { CatalogSyncResult } from '../../shared/catalog-update.js'
import { batchGet, batchPut, queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import { agencyKey, catalogSyncKey, catalogVersion, datasetKey, PARTITIONS, resourceKey } from './keys.js'
import { bumpVersions } from './versions.js'

/** Upserts agencies by id (and moves the catalog's version: readers load it again). */
export async function putAgencies(agencies: readonly Agency[]): Promise<void> {
  if (agencies.length === 0) return
  await batchPut(agencies.map((a) => ({ ...agencyKey(a.agencyId), ...a })))
  await bumpVersions([catalogVersion])
}

/** Upserts datasets by id (and moves the catalog's version). */
export async function putDatasets(datasets: readonly Dataset[]): Promise<void> {
  if (datasets.length === 0) return
  await batchPut(datasets.map((d) => ({ ...datasetKey(d.datasetId), ...d })))
  await bumpVersions([catalogVersion])
}

/** Upserts resources by id. */
export function putResources(resources: readonly Resource[]): Promise<void> {
  return batchPut(resources.map((r) => ({ ...resourceKey(r.resourceId), ...r })))
}

const strip = <T>({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) => rest as T

/** Every agency of the catalog, active or not. */
export async function listAgencies(): Promise<Agency[]> {
  return (await queryPartition(PARTITIONS.catalogAgencies)).map((i) => strip<Agency>(i))
}

/** Every dataset of the catalog, active or not. */
export async function listDatasets(): Promise<Dataset[]> {
  return (await queryPartition(PARTITIONS.catalogDatasets)).map((i) => strip<Dataset>(i))
}

/** The resources with these ids that exist in the catalog (active or not). */
export async function getResources(resourceIds: readonly string[]): Promise<Map<string, Resource>> {
  const unique = [...new Set(resourceIds)]
  const items = await batchGet(unique.map((id) => resourceKey(id)))
  return new Map(items.map((i) => [i.resourceId as string, strip<Resource>(i)]))
}

/** Keeps the result of the latest catalog sync (one item, overwritten). */
export async function saveSyncResult(result: CatalogSyncResult): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: table(), Item: { ...catalogSyncKey, ...result } }))
}

/** The result of the latest catalog sync, if one ran. */
export async function getSyncResult(): Promise<CatalogSyncResult | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: table(), Key: catalogSyncKey, ConsistentRead: true }),
  )
  return out.Item ? strip<CatalogSyncResult>(out.Item) : undefined
}
