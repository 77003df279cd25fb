/**
 * The attacker of `bench/slow-clients.ts`, in a process of its own so its work does not delay the measuring
 * client: keeps `SLOW_HEADERS` connections dribbling headers (slowloris) and `SLOW_BODIES` dribbling a body,
 * reconnecting whenever the server drops one, and `FLOODERS` loops each sending 2 MB bodies and 64 KB headers.
 * Prints a JSON line of what the server answered when it gets SIGTERM. Loopback only.
 */
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'

const target = new URL(process.argv[2] as string)
const ingestKey = process.argv[3] as string
if (target.hostname !== '127.0.0.1') throw new Error('loopback only')
const port = Number(target.port)
const counts: Record<string, number> = {}
const count = (what: string) => {
  counts[what] = (counts[what] ?? 0) + 1
}
let stopping = false

/** One slow connection, started again each time the server drops it. */
function slow(first: string, dribble: string) {
  if (stopping) return
  let answer = ''
  const socket: Socket = connect(port, '127.0.0.1', () => socket.write(first))
  const timer = setInterval(() => socket.write(dribble), 1_000)
  socket.on('data', (d) => {
    answer += d
  })
  socket.on('error', () => {})
  socket.on('close', () => {
    clearInterval(timer)
    count(`slow dropped ${answer.slice(9, 12) || 'without answer'}`)
    setTimeout(() => slow(first, dribble), 100)
  })
}

/** Sends requests one after another until stopped: `make` gives each one's options and body. */
async function flood(make: () => { path: string; headers: Record<string, string>; body?: Buffer }) {
  while (!stopping) {
    const { path, headers, body } = make()
    const status = await new Promise<string>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', headers, agent: false },
        (res) => {
          res.resume()
          res.on('end', () => resolve(String(res.statusCode)))
        },
      )
      req.on('error', () => resolve('connection closed'))
      req.end(body)
    })
    count(`${path} ${status}`)
  }
}

const slowHeaders = Number(process.env.SLOW_HEADERS ?? 500)
const slowBodies = Number(process.env.SLOW_BODIES ?? 100)
const flooders = Number(process.env.FLOODERS ?? 2)
for (let i = 0; i < slowHeaders; i++) slow('GET /healthz HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: 1\r\n')
for (let i = 0; i < slowBodies; i++)
  slow(
    `POST /v1/events HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\nx-api-key: ${ingestKey}\r\ncontent-length: 100000\r\n\r\n{"events": [`,
    ' ',
  )
const big = Buffer.alloc(2 * 1024 * 1024, 'x')
const pad = 'x'.repeat(64 * 1024)
for (let i = 0; i < flooders; i++) {
  void flood(() => ({
    path: '/v1/events',
    headers: {
      'content-type': 'application/json',
      'x-api-key': ingestKey,
      'content-length': String(big.length),
    },
    body: big,
  }))
  void flood(() => ({ path: '/healthz', headers: { 'x-pad': pad } }))
}
console.log('attacking')
process.on('SIGTERM', () => {
  stopping = true
  console.log(JSON.stringify(counts))
  process.exit(0)
})
