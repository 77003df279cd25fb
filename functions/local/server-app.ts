import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { createApiApp } from '../api/app.js'
import { securityHeaders } from '../auth/security-headers.js'
import { createIngestApp, type IngestDeps } from '../ingest/app.js'
import { clearResourceCache } from '../ingest/resources.js'
import { MonthlyRunError, runMonthly } from '../jobs/monthly.js'
import { recountFiscalYear } from '../jobs/recount.js'
import type { UncountedEvents } from '../read-model/counting-status.js'
import { listReportEntries } from '../store/reports.js'
import { WEB_DIST } from './web-assets.js'

/**
 * The one local app: the very same ingest and API apps that run as Lambda functions, and the built
 * dashboard (index.html for every other GET, so client-side routes work on reload).
 */
export function createLocalApp(ingest: IngestDeps, uncounted?: UncountedEvents) {
  const app = new Hono()
  app.use('*', securityHeaders())
  app.route('/', createIngestApp(ingest))
  app.route(
    '/',
    createApiApp({
      // Locally the API makes a report in the request (a run of the report step, in the run history); on AWS it
      // starts the monthly function for it instead.
      generateReport: reportInRequest,
      // Ingest shares this process: it reads a synced catalog's resources at once too.
      onCatalogSynced: clearResourceCache,
      recountFiscalYear: (fy, rules, actor) => recountFiscalYear(fy, rules, actor),
      // The runtime knows what it acknowledged and has not counted yet (its journal, its rollups).
      uncounted,
    }),
  )
  const root = relative(process.cwd(), WEB_DIST) || '.'
  app.use('/*', serveStatic({ root }))
  app.get('*', async (c) => {
    // API paths (and the public open data's) that no route answers are a JSON 404, as on AWS, not the dashboard.
    if (c.req.path.startsWith('/v1/') || c.req.path.startsWith('/open-data/'))
      return c.json({ error: { code: 'not_found', message: `No such path: ${c.req.path}` } }, 404)
    return c.html(await readFile(join(WEB_DIST, 'index.html'), 'utf8'))
  })
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
