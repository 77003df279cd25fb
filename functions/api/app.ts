import { Hono } from 'hono'
import { cors } from 'hono/cors'
import type { HealthResponse } from '../../shared/api.js'
import { maxBody, requestTimeout, writesCommit } from '../auth/limits.js'
import { type AppEnv, authenticate } from '../auth/middleware.js'
import { allow } from '../auth/policy.js'
import { securityHeaders } from '../auth/security-headers.js'
import { config } from '../config.js'
import { errorResponse, notFoundResponse } from '../errors.js'
import { clearCatalogCache } from '../read-model/catalog.js'
import { countingFlag, type UncountedEvents } from '../read-model/counting-status.js'
import { useReadSnapshots } from '../store/read-snapshots.js'
import { agencies } from './routes/agencies.js'
import { audit } from './routes/audit.js'
import { authConfig } from './routes/auth-config.js'
import { awards } from './routes/awards.js'
import { catalogRoutes } from './routes/catalog.js'
import { countingRoutes, type FiscalYearRecount } from './routes/counting.js'
import { devSession } from './routes/dev-session.js'
import { fiscalYears } from './routes/fiscal-years.js'
import { openData } from './routes/open-data.js'
import { overview } from './routes/overview.js'
import { rankings } from './routes/rankings.js'
import { type ReportGenerator, reportRoutes } from './routes/reports.js'
import { runs } from './routes/runs.js'
import { statusRoutes } from './routes/status.js'
import { subscriptions } from './routes/subscriptions.js'
import { targets } from './routes/targets.js'
import { verify } from './routes/verify.js'

/** Bodies of the read and admin API are small settings; nothing needs more. */
export const MAX_API_BODY_BYTES = 64 * 1024
/** Under API Gateway's 30 s integration limit, so the caller gets our answer rather than the gateway's. */
export const API_TIMEOUT_MS = 25_000

/** What the runtime gives the API app; the Lambda API takes none of it. */
export interface ApiDeps {
  /** Makes a month's report in the request (the local runtime); unset: REPORT_FUNCTION makes it. */
  generateReport?: ReportGenerator
  /** After a catalog sync made in the request: what else of this process caches the catalog forgets it. */
  onCatalogSynced?: () => void
  /** Recounts a fiscal year in the request (the local runtime); unset: REPORT_FUNCTION's monthly runs do it. */
  recountFiscalYear?: FiscalYearRecount
  /** What the runtime knows of acknowledged events not counted yet (the local runtime); unset: the last rollup tells. */
  uncounted?: UncountedEvents
}

/** The read and admin API used by the dashboard. */
export function createApiApp(deps: ApiDeps = {}) {
  // The read API's processes start from the read model's snapshots and leave them for the next.
  useReadSnapshots()
  const app = new Hono<AppEnv>()
  app.onError(errorResponse)
  app.notFound(notFoundResponse)

  app.use('*', securityHeaders(), requestTimeout(API_TIMEOUT_MS))
  app.use(
    '/v1/*',
    cors({
      // Only the dashboard's own origin; unset means the dashboard is same-origin and needs no CORS.
      origin: (origin) => (origin && origin === config().dashboardOrigin ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowHeaders: ['authorization', 'content-type'],
      maxAge: 600,
    }),
    maxBody(MAX_API_BODY_BYTES),
    authenticate(),
    writesCommit(),
  )
  // Public and cheap: liveness, and one coarse word on counting (the detail is DGA's, at /v1/status).
  app.get('/healthz', allow({ access: 'public' }), (c) =>
    c.json<HealthResponse>({ status: 'ok', counting: countingFlag(deps.uncounted) }),
  )
  if (config().authMode === 'dev') app.route('/v1/dev/session', devSession)
  app.route('/v1/rankings', rankings)
  app.route('/v1/audit', audit)
  app.route('/v1/auth/config', authConfig)
  app.route('/v1/agencies', agencies)
  app.route('/v1/awards', awards)
  app.route('/v1/fiscal-years', fiscalYears)
  app.route('/v1/overview', overview)
  app.route('/v1/targets', targets)
  app.route(
    '/v1/catalog',
    catalogRoutes(() => {
      clearCatalogCache()
      deps.onCatalogSynced?.()
    }),
  )
  app.route('/v1/subscriptions', subscriptions)
  app.route('/v1/reports', reportRoutes(deps.generateReport))
  app.route('/v1/runs', runs)
  app.route('/v1/status', statusRoutes(deps.uncounted))
  app.route('/v1/counting', countingRoutes(deps.recountFiscalYear))
  app.route('/verify', verify)
  app.route('/', openData)

  return app
}
