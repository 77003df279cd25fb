import { handle } from 'hono/aws-lambda'
import { createApiApp } from './app.js'

/** API Gateway (HTTP API, payload v2) entry of the API function: reports and catalog syncs run in their own functions. */
export const handler = handle(createApiApp())
