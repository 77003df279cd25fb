import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { createApiApp } from '../api/app.js'
import { securityHeaders } from '../auth/security-headers.js'
import { errorResponse, notFoundResponse } from '../errors.js'
import { createIngestApp, type IngestDeps } from '../ingest/app.js'
import { clearResourceCache } from '../ingest/resources.js'
import { MonthlyRunError, runMonthly } from '../jobs/monthly.js'
import { recountFiscalYear } from '../jobs/recount.js'
import type { UncountedEvents } from '../read-model/counting-status.js'
import { listReportEntries } from '../store/reports.js'
import { WEB_DIST } from './web-assets.js'

/** Which of the product's apps answers a request: the ingest function, the API function, or the dashboard. */
export type LocalOrigin = 'ingest' | 'api' | 'web'

/**
 * Where a request goes, as on AWS: API Gateway sends downloads and event batches to the ingest function
 * (cdk/constructs/api.ts), CloudFront sends `/v1/*`, `/healthz`, `/verify/*` and the open data to the API
 * (cdk/constructs/web.ts), and everything else is the dashboard's. Locally every download path is ingest's, so
 * a HEAD request is answered (and not counted) as the ingest app does.
 */
export function localOrigin(method: string, path: string): LocalOrigin {
  if (path.startsWith('/d/') || (path === '/v1/events' && method === 'POST')) return 'ingest'
  if (
    path.startsWith('/v1/') ||
    path === '/healthz' ||
    path.startsWith('/verify/') ||
    path === '/open-data' ||
    path.startsWith('/open-data/')
  )
    return 'api'
  return 'web'
}

/**
 * The one local app: the very same ingest and API apps that run as Lambda functions, and the built
 * dashboard (index.html for every other GET, so client-side routes work on reload). A request is handed whole
 * to the app `localOrigin` names, not routed through one app holding the others: each app's middleware runs
 * once and its router matches once, as on Lambda (docs/decisions.md, "The local app routes like CloudFront").
 */
export function createLocalApp(ingest: IngestDeps, uncounted?: UncountedEvents) {
  const apps: Record<LocalOrigin, Pick<Hono, 'fetch'>> = {
    ingest: createIngestApp(ingest),
    api: createApiApp({
      // Locally the API makes a report in the request (a run of the report step, in the run history); on AWS it
      // starts the monthly function for it instead.
      generateReport: reportInRequest,
      // Ingest shares this process: it reads a synced catalog's resources at once too.
      onCatalogSynced: clearResourceCache,
      recountFiscalYear: (fy, rules, actor) => recountFiscalYear(fy, rules, actor),
      // The runtime knows what it acknowledged and has not counted yet (its journal, its rollups).
      uncounted,
    }),
    web: createWebApp(),
  }
  // One handler and no middleware: Hono calls it without composing a chain, and it answers what the app does.
  const app = new Hono()
  app.all('*', (c) => apps[localOrigin(c.req.method, c.req.path)].fetch(c.req.raw, c.env))
  return app
}

/** The built dashboard: its files, and index.html for every other GET (client-side routes). */
function createWebApp() {
  const app = new Hono()
  app.onError(errorResponse)
  app.notFound(notFoundResponse)
  app.use('*', securityHeaders())
  app.use('/*', serveStatic({ root: relative(process.cwd(), WEB_DIST) || '.' }))
  app.get('*', async (c) => c.html(await readFile(join(WEB_DIST, 'index.html'), 'utf8')))
  return app
}

/** Makes a month's report as DGA asked, as a run of the monthly pipeline's report step. */
async function reportInRequest(month: string) {
  const run = await runMonthly(month, { trigger: 'dga', steps: ['report'] }).catch((err: unknown) => {
    // The step's own error (a report already being made: 409) is the answer, not the run's wrapper.
    throw err instanceof MonthlyRunError && err.cause instanceof Error ? err.cause : err
  })
  const result = run.steps[0]?.result as { version: number; created: boolean }
  const entry = (await listReportEntries(month)).find((e) => e.version === result.version)
  if (!entry) throw new Error(`The report of ${month} v${result.version} is not listed`)
  const { contentSha256: _hash, ...publicEntry } = entry
  return { entry: publicEntry, created: result.created }
}
