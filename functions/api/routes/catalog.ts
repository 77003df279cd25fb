import { Hono } from 'hono'
import { type AppEnv, principalOf } from '../../auth/middleware.js'
import { dgaOnly } from '../../auth/policy.js'
import { startCatalogSyncJob } from '../../aws/jobs.js'
import { syncCatalog } from '../../catalog/sync.js'
import { clock } from '../../clock.js'
import { config } from '../../config.js'
import { AppError, NotFoundError } from '../../errors.js'
import { recordAudit } from '../../store/audit.js'
import { getSyncResult } from '../../store/catalog.js'

class CkanNotConfiguredError extends AppError {
  override name = 'CkanNotConfiguredError'
  constructor() {
    super(
      'ckan_not_configured',
      'CKAN_URLS or CKAN_URL is not set: there is no portal to sync the catalog from',
    )
  }
}

/**
 * `/v1/catalog`: the catalog's sync from the CKAN portal (DGA). A sync made in the request (no sync function)
 * then calls `onSynced`: the caches of this process (the read model's catalog, and ingest's resources where
 * ingest runs in the same process) read the new catalog at once.
 */
export function catalogRoutes(onSynced: () => void) {
  const catalogRoutes = new Hono<AppEnv>()

  catalogRoutes.post('/sync', dgaOnly(), async (c) => {
    const { portals, catalogSyncFunction } = config()
    const principal = principalOf(c)
    if (catalogSyncFunction) {
      // On AWS a whole portal can take longer than the API may answer in: the sync function runs it.
      await startCatalogSyncJob(catalogSyncFunction, principal.subject)
      const requestedAt = clock.iso()
      await recordAudit({
        actor: principal.subject,
        action: 'catalog.sync.started',
        target: catalogSyncFunction,
      })
      return c.json(
        {
          status: 'started',
          requestedAt,
          message: 'The sync runs in the background; GET /v1/catalog/sync shows its result',
        },
        202,
      )
    }
    if (portals.length === 0) throw new CkanNotConfiguredError()
    try {
      // A portal that failed is named in the result (ok: false); the others' changes were written.
      const result = await syncCatalog(portals, { trigger: 'dga' })
      onSynced()
      await recordAudit({
        actor: principal.subject,
        action: 'catalog.sync',
        target: result.source,
        detail: { ...result },
      })
      return c.json(result)
    } catch (err) {
      const message = (err as Error).message
      await recordAudit({
        actor: principal.subject,
        action: 'catalog.sync',
        target: portals.map((p) => p.url).join(', '),
        detail: { error: message },
      })
      throw err
    }
  })

  catalogRoutes.get('/sync', dgaOnly(), async (c) => {
    const result = await getSyncResult()
    if (!result) throw new NotFoundError('No catalog sync has run yet')
    return c.json(result)
  })

  return catalogRoutes
}
