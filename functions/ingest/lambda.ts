import { handle } from 'hono/aws-lambda'
import { createIngestApp } from './app.js'

/** API Gateway (HTTP API, payload v2) entry of the ingest function: downloads go straight to the table. */
export const handler = handle(createIngestApp())
