import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { createApiApp } from '../api/app.js'
import { securityHeaders } from '../auth/security-headers.js'
import { createIngestApp, type IngestDeps } from '../ingest/app.js'
import { clearResourceCache } from '../ingest/resources.js'
import { generateMonthlyReport } from '../reports/generate.js'
import { WEB_DIST } from './web-assets.js'

/**
 * The one local app: the very same ingest and API apps that run as Lambda functions, and the built
 * dashboard (index.html for every other GET, so client-side routes work on reload).
 */
export function createLocalApp(ingest: IngestDeps) {
  const app = new Hono()
  app.use('*', securityHeaders())
  app.route('/', createIngestApp(ingest))
  app.route(
    '/',
    createApiApp({
      // Locally the API makes a report in the request; on AWS it starts the report function instead.
      generateReport: (month) => generateMonthlyReport(month),
      // Ingest shares this process: it reads a synced catalog's resources at once too.
      onCatalogSynced: clearResourceCache,
    }),
  )
  const root = relative(process.cwd(), WEB_DIST) || '.'
  app.use('/*', serveStatic({ root }))
  app.get('*', async (c) => {
    if (c.req.path.startsWith('/v1/'))
      return c.json({ error: { code: 'not_found', message: `No such path: ${c.req.path}` } }, 404)
    return c.html(await readFile(join(WEB_DIST, 'index.html'), 'utf8'))
  })
  return app
}
