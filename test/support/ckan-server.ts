import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FixturePortal } from '../fixtures/ckan.js'

/** What the fake portal answers instead of the real thing, for one request. */
export type Fault = { status: number; body: string; contentType?: string } | 'hang' | undefined

export interface CkanServer {
  url: string
  portal: FixturePortal
  /** Every request's path and query, in order. */
  requests: string[]
  /** Decides per request whether to misbehave (by default it never does). */
  fault: (action: string, params: URLSearchParams) => Fault
  close(): Promise<void>
}

const ORG_LIMIT_MAX = 25
const ROWS_MAX = 1000

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' })
  res.end(JSON.stringify(body))
}

/**
 * A real HTTP server speaking CKAN's action API (2.9/2.10 shapes and caps): `organization_list` with
 * all_fields pages of at most 25, `package_search` with at most 1,000 rows, public active packages only.
 */
export async function startCkanServer(portal: FixturePortal): Promise<CkanServer> {
  const server: CkanServer = {
    url: '',
    portal,
    requests: [],
    fault: () => undefined,
    close: async () => {},
  }
  const help = (action: string) => `http://localhost/api/3/action/help_show?name=${action}`
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    server.requests.push(`${url.pathname}${url.search}`)
    const action = /^\/api\/3\/action\/([a-z_]+)$/.exec(url.pathname)?.[1]
    if (!action) {
      res.writeHead(404, { 'content-type': 'text/html' })
      return res.end('<html><body>Not found</body></html>')
    }
    const q = url.searchParams
    const fault = server.fault(action, q)
    if (fault === 'hang') return
    if (fault) {
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json' })
      return res.end(fault.body)
    }
    if (action === 'organization_list') {
      const all = q.get('all_fields') === 'true'
      const orgs = [...server.portal.organizations].sort((a, b) => a.name.localeCompare(b.name))
      const limit = Math.min(Number(q.get('limit') ?? ORG_LIMIT_MAX), all ? ORG_LIMIT_MAX : 1000)
      const page = orgs.slice(Number(q.get('offset') ?? 0), Number(q.get('offset') ?? 0) + limit)
      return send(res, 200, {
        help: help(action),
        success: true,
        result: all ? page : page.map((o) => o.name),
      })
    }
    if (action === 'package_search') {
      const rows = Math.min(Number(q.get('rows') ?? 10), ROWS_MAX)
      const start = Number(q.get('start') ?? 0)
      const visible = server.portal.packages
        .filter((p) => p.state === 'active' && !p.private)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
      return send(res, 200, {
        help: help(action),
        success: true,
        result: {
          count: visible.length,
          facets: {},
          results: visible.slice(start, start + rows),
          sort: 'id asc',
          search_facets: {},
        },
      })
    }
    return send(res, 400, {
      help: help(action),
      success: false,
      error: { message: `Bad request - Action name not known: ${action}`, __type: 'Bad Request' },
    })
  }
  const http = createServer(handle)
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  server.close = () =>
    new Promise<void>((r) => {
      http.closeAllConnections()
      http.close(() => r())
    })
  return server
}
