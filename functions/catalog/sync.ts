import { randomUUID } from 'node:crypto'
import {
  type CatalogSnapshot,
  type CatalogSyncResult,
  type PortalSyncOutcome,
  planCatalogUpdate,
} from '../../shared/catalog-update.js'
import type { Portal } from '../../shared/portals.js'
import type { Run, RunStep, RunTrigger } from '../../shared/runs.js'
import { clock } from '../clock.js'
import { config } from '../config.js'
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
import { combinePortals, type FetchedPortal, ofPortal } from './combine.js'

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

/** Reads and validates a portal's whole catalog (organizations, then packages); writes nothing. */
export async function fetchPortal(portal: Portal, options: SyncOptions = {}): Promise<FetchedPortal> {
  const progress = options.onProgress ?? (() => {})
  const client = new CkanClient(portal.url, {
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
  const packages = await fetchPackages(client, progress)
  return { portal, orgs, packages }
}

async function storedCatalog() {
  const [agencies, datasets] = await Promise.all([listAgencies(), listDatasets()])
  const resources = await getResources(datasets.flatMap((d) => d.resourceIds))
  return { agencies, datasets, resources: [...resources.values()] }
}

const LEASE = 'catalog-sync'
const LEASE_MS = 15 * 60_000

const sourceOf = (url: string) => actionBase(url).href.replace(/api\/3\/action\/$/, '')

/**
 * Syncs the catalog from CKAN portals (a URL: one portal, the configured default's name): fetches and validates
 * each portal's whole catalog first, then writes only what changed, marking inactive what a portal no longer
 * lists. A portal that fails changes nothing (its stored items stay as they were) and the others are written;
 * when every portal fails nothing is written but the result, and the sync throws.
 */
export async function syncCatalog(
  target: string | readonly Portal[],
  options: SyncOptions = {},
): Promise<CatalogSyncResult> {
  const portals = typeof target === 'string' ? [{ name: config().defaultPortal, url: target }] : [...target]
  if (portals.length === 0) throw new CkanError('no CKAN portal to sync the catalog from')
  for (const p of portals) actionBase(p.url) // a malformed URL is refused before the lease is taken
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
    const result = await syncWithLease(portals, startedAt, options)
    const outcome = { ...result.totals, written: result.written, portals: result.portals }
    if (result.ok) {
      Object.assign(step, { status: 'succeeded', result: outcome })
      run.status = 'succeeded'
    } else {
      // Some portals failed: the others were written, and the run says which failed.
      Object.assign(step, { status: 'failed', result: outcome, error: result.error })
      Object.assign(run, { status: 'failed', error: `sync: ${result.error}` })
    }
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

/** Each portal's fetch, isolated: a portal that fails (down, garbage, too slow) fails alone. */
async function fetchEach(portals: readonly Portal[], options: SyncOptions) {
  const progress = options.onProgress
  const many = portals.length > 1
  return Promise.all(
    portals.map(async (portal) => {
      const named: SyncOptions = {
        ...options,
        ...(progress ? { onProgress: (m: string) => progress(many ? `${portal.name}: ${m}` : m) } : {}),
      }
      try {
        return { portal, fetched: await fetchPortal(portal, named) }
      } catch (err) {
        const error = err instanceof CkanError ? err.message : `unexpected failure: ${(err as Error).message}`
        return { portal, error }
      }
    }),
  )
}

async function syncWithLease(
  portals: readonly Portal[],
  startedAt: string,
  options: SyncOptions,
): Promise<CatalogSyncResult> {
  const source = portals.map((p) => sourceOf(p.url)).join(', ')
  const defaultPortal = portals[0]?.name as string
  const outcomes = await fetchEach(portals, options)
  const failed = outcomes.filter((o) => o.error !== undefined)
  const errorOf = (list: typeof failed) =>
    portals.length === 1
      ? (list[0]?.error as string)
      : list.map((o) => `${o.portal.name}: ${o.error}`).join('; ')
  const perPortal = (o: (typeof outcomes)[number]): PortalSyncOutcome => ({
    name: o.portal.name,
    source: sourceOf(o.portal.url),
    ok: o.error === undefined,
    ...(o.error !== undefined ? { error: o.error } : {}),
    ...(o.fetched ? { organizations: o.fetched.orgs.length, datasets: o.fetched.packages.length } : {}),
  })
  if (failed.length === portals.length) {
    const error = errorOf(failed)
    await saveSyncResult({
      ok: false,
      source,
      startedAt,
      finishedAt: clock.iso(),
      error,
      ...(portals.length > 1 ? { portals: outcomes.map(perPortal) } : {}),
    })
    throw new CkanError(error)
  }
  const stored = await storedCatalog()
  const failedNames = failed.map((o) => o.portal.name)
  const isCarried = (item: { portal?: string }) => failedNames.some((n) => ofPortal(item, n, defaultPortal))
  const carried: CatalogSnapshot = {
    agencies: stored.agencies.filter(isCarried),
    datasets: stored.datasets.filter(isCarried),
    resources: stored.resources.filter(isCarried),
  }
  const fetched = combinePortals(
    portals,
    outcomes.flatMap((o) => (o.fetched ? [o.fetched] : [])),
    carried,
  )
  const plan = planCatalogUpdate(stored, fetched)
  const { agencies, datasets, resources } = plan.write
  options.onProgress?.(
    `writing ${agencies.length} agencies, ${datasets.length} datasets, ${resources.length} resources`,
  )
  // Resources first: a dataset never lists a resource that ingest cannot resolve.
  await putResources(resources)
  await putDatasets(datasets)
  await putAgencies(agencies)
  const result: CatalogSyncResult = {
    ok: failed.length === 0,
    source,
    startedAt,
    finishedAt: clock.iso(),
    ...(failed.length > 0 ? { error: errorOf(failed) } : {}),
    totals: plan.totals,
    written: { agencies: agencies.length, datasets: datasets.length, resources: resources.length },
    skippedDatasets: fetched.skipped,
    unmapped: fetched.unmapped,
    // The first thousand are enough to act on; the count says how many there are.
    badUrls: fetched.badUrls.slice(0, 1000),
    ...(portals.length > 1 ? { portals: outcomes.map(perPortal) } : {}),
  }
  await saveSyncResult(result)
  return result
}
