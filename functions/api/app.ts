import { Hono } from 'hono'
import { type AppEnv, authenticate } from '../auth/middleware.js'
import { allow } from '../auth/policy.js'
import { config } from '../config.js'
import { errorResponse, notFoundResponse } from '../errors.js'
import { catalogRoutes } from './routes/catalog.js'
import { devSession } from './routes/dev-session.js'
import { rankings } from './routes/rankings.js'

/** The read and admin API used by the dashboard. */
const app = new Hono<AppEnv>()
app.onError(errorResponse)
app.notFound(notFoundResponse)

app.get('/healthz', allow({ access: 'public' }), (c) => c.json({ status: 'ok' }))
app.use('/v1/*', authenticate())
if (config().authMode === 'dev') app.route('/v1/dev/session', devSession)
app.route('/v1/rankings', rankings)
app.route('/v1/catalog', catalogRoutes)

export default app
