/**
 * The read API alone in a process of its own, for `read-api.ts`'s first reads in a new process: serves the app
 * on a free loopback port (the stores' endpoints and settings come in the environment) and prints the port.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'

const app = (await import('../functions/api/app.js')).createApiApp()
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
await new Promise((r) => server.once('listening', r))
// Stopped by SIGTERM: exit, so that `--cpu-prof` (BENCH_PROFILE_OWN) writes its profile.
process.once('SIGTERM', () => process.exit(0))
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`)
