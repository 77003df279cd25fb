import { handle } from 'hono/aws-lambda'
import app from './app.js'

/** API Gateway (HTTP API, payload v2) entry of the API function. */
export const handler = handle(app)
