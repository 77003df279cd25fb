import { randomUUID } from 'node:crypto'
import { type CatalogSyncResult, planCatalogUpdate } from '../../shared/catalog-update.js'
import type { Run, RunStep, RunTrigger } from '../../shared/runs.js'
import { clock } from '../clock.js'
import { AppError } from '../errors.js'
import {
  getResources,
  listAgencies,
  listDatasets,
  putAgencies,
  putDatasets,
  putResources,
  saveSyncResult,
} from '../store/catalog.js'
import { acquireLease, releaseLease } from '../store/leases.js'
import { saveRun } from '../store/runs.js'
import { actionBase, CkanClient, type CkanClientOptions, CkanError } from './ckan-client.js'
import {
  type CkanOrganization,
  type CkanPackage,
  organizationListResult,
  packageSearchResult,
} from './ckan-schema.js'
import { toAgencies, toDatasets } from './to-catalog.js'

/** CKAN's default cap of `organization_list?all_fields=true` (ckan.group_and_organization_list_all_fields_max). */
export const ORGANIZATION_PAGE = 25
/** CKAN's default cap of `package_search` rows (ckan.search.rows_max). */
export const PACKAGE_PAGE = 1000

export class SyncInProgressError extends AppError {
  override name = 'SyncInProgressError'
  constructor() {
    super('sync_in_progress', 'A catalog sync is already running; try again when it has finished')
  }
}

export interface SyncOptions extends CkanClientOptions {
  /** A line of progress (pages fetched, items written). */
  onProgress?: (message: string) => void
  /** Who started the sync, for the run history. @default 'schedule' */
  trigger?: RunTrigger
}

async function fetchOrganizations(client: CkanClient, progress: (m: string) => void) {
  const orgs: CkanOrganization[] = []
  for (let offset = 0; ; ) {
    const page = await client.call(
      'organization_list',
      { all_fields: true, include_extras: true, include_groups: true, limit: ORGANIZATION_PAGE, offset },
      organizationListResult,
    )
    orgs.push(...page)
    offset += page.length
    progress(`organizations: ${orgs.length}`)
    // A short page is the last one (CKAN caps all_fields pages at 25 unless the portal raised it).
    if (page.length < ORGANIZATION_PAGE) break
  }
  return [...new Map(orgs.map((o) => [o.id, o])).values()]
}

async function fetchPackages(client: CkanClient, progress: (m: string) => void) {
  const packages = new Map<string, CkanPackage>()
  let count = 0
  for (let start = 0; ; ) {
    const page = await client.call(
      'package_search',
      { q: '*:*', sort: 'id asc', rows: PACKAGE_PAGE, start },
      packageSearchResult,
    )
    count = page.count
    for (const p of page.results) packages.set(p.id, p)
    start += page.results.length
    progress(`datasets: ${packages.size}/${count}`)
    if (page.results.length === 0 || start >= count) break
  }
  if (packages.size < count) {
    throw new CkanError(
      `package_search: paging returned ${packages.size} of ${count} datasets (the portal changed during the sync); try again`,
    )
  }
  return [...packages.values()]
}

/** Reads and validates a portal's whole catalog; writes nothing. */
export async function fetchCkanCatalog(ckanUrl: string, options: SyncOptions = {}) {
  const progress = options.onProgress ?? (() => {})
  const client = new CkanClient(ckanUrl, {
    ...options,
    onRetry: (message, attempt) => {
      progress(`retry ${attempt}: ${message}`)
      options.onRetry?.(message, attempt)
    },
  })
  const orgs = await fetchOrganizations(client, progress)
  if (orgs.length === 0) {
    throw new CkanError('organization_list: the portal lists no organizations; refusing to empty the catalog')
  }
  const { agencies, unmapped } = toAgencies(orgs)
  const packages = await fetchPackages(client, progress)
  const { datasets, resources, skipped, badUrls } = toDatasets(
    packages,
    new Set(agencies.map((a) => a.agencyId)),
  )
  return { agencies, datasets, resources, skipped, unmapped, badUrls }
}

async function storedCatalog() {
  const [agencies, datasets] = await Promise.all([listAgencies(), listDatasets()])
  const resources = await getResources(datasets.flatMap((d) => d.resourceIds))
  return { agencies, datasets, resources: [...resources.values()] }
}

const LEASE = 'catalog-sync'
const LEASE_MS = 15 * 60_000

/**
 * Syncs the catalog from a CKAN portal: fetches and validates everything first, then writes only what
 * changed, marking inactive what the portal no longer lists. A failed fetch writes nothing but its result.
 */
export async function syncCatalog(ckanUrl: string, options: SyncOptions = {}): Promise<CatalogSyncResult> {
  const source = actionBase(ckanUrl).href.replace(/api\/3\/action\/$/, '')
  const holder = `${process.pid}-${Math.random().toString(36).slice(2)}`
  if (!(await acquireLease(LEASE, holder, LEASE_MS))) throw new SyncInProgressError()
  const startedAt = clock.iso()
  const step: RunStep = { name: 'sync', status: 'running', startedAt }
  const run: Run = {
    runId: randomUUID(),
    kind: 'catalog-sync',
    trigger: options.trigger ?? 'schedule',
    status: 'running',
    startedAt,
    steps: [step],
  }
  try {
    await saveRun(run)
    const result = await syncWithLease(ckanUrl, source, startedAt, options)
    Object.assign(step, { status: 'succeeded', result: { ...result.totals, written: result.written } })
    run.status = 'succeeded'
    return result
  } catch (err) {
    Object.assign(step, { status: 'failed', error: (err as Error).message })
    Object.assign(run, { status: 'failed', error: `sync: ${(err as Error).message}` })
    throw err
  } finally {
    step.finishedAt = run.finishedAt = clock.iso()
    await saveRun(run).catch(() => undefined) // the sync's own result is kept either way
    await releaseLease(LEASE, holder)
  }
}

async function syncWithLease(
  ckanUrl: string,
  source: string,
  startedAt: string,
  options: SyncOptions,
): Promise<CatalogSyncResult> {
  let fetched: Awaited<ReturnType<typeof fetchCkanCatalog>>
  try {
    fetched = await fetchCkanCatalog(ckanUrl, options)
  } catch (err) {
    const error = err instanceof CkanError ? err.message : `unexpected failure: ${(err as Error).message}`
    await saveSyncResult({ ok: false, source, startedAt, finishedAt: clock.iso(), error })
    throw err instanceof CkanError ? err : new CkanError(error)
  }
  const plan = planCatalogUpdate(await storedCatalog(), fetched)
  const { agencies, datasets, resources } = plan.write
  options.onProgress?.(
    `writing ${agencies.length} agencies, ${datasets.length} datasets, ${resources.length} resources`,
  )
  // Resources first: a dataset never lists a resource that ingest cannot resolve.
  await putResources(resources)
  await putDatasets(datasets)
  await putAgencies(agencies)
  const result: CatalogSyncResult = {
    ok: true,
    source,
    startedAt,
    finishedAt: clock.iso(),
    totals: plan.totals,
    written: { agencies: agencies.length, datasets: datasets.length, resources: resources.length },
    skippedDatasets: fetched.skipped,
    unmapped: fetched.unmapped,
    // The first thousand are enough to act on; the count says how many there are.
    badUrls: fetched.badUrls.slice(0, 1000),
  }
  await saveSyncResult(result)
  return result
}
