import { Agent, request } from 'node:http'

export interface LoadResult {
  requests: number
  seconds: number
  latenciesMs: number[]
  statuses: Record<number, number>
}

/**
 * A closed-loop load: `connections` keep-alive connections, each sending its next request when the previous
 * answer has been read, until `total` requests are done. Bounded in count; loopback only.
 */
export async function runLoad(options: {
  url: string
  connections: number
  total: number
  method?: string
  headers?: Record<string, string>
  body?: (i: number) => string
}): Promise<LoadResult> {
  const target = new URL(options.url)
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname))
    throw new Error('load tests target loopback only')
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections })
  const latenciesMs: number[] = []
  const statuses: Record<number, number> = {}
  let next = 0
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = options.body?.(i)
      const started = performance.now()
      const req = request(
        target,
        {
          method: options.method ?? 'GET',
          agent,
          headers: { ...options.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
        },
        (res) => {
          res.resume()
          res.on('end', () => {
            latenciesMs.push(performance.now() - started)
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1
            resolve()
          })
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  const worker = async () => {
    while (next < options.total) await one(next++)
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: options.connections }, worker))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  return { requests: options.total, seconds, latenciesMs, statuses }
}
