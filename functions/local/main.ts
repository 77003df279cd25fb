import { startLocal } from './runtime.js'

// SDK versions are pinned in the lock file (see README); Lambda runs Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

/** `npm start`: the whole product in one process on 127.0.0.1:$PORT. */
async function main() {
  const runtime = await startLocal({
    env: process.env,
    port: Number(process.env.PORT ?? 3000),
    dataDir: process.env.DATA_DIR ?? '.data',
    seedDemo: process.env.SEED_DEMO !== '0',
  })
  console.log(`
OGD Rankings is running
  dashboard:   ${runtime.url}/
  health:      ${runtime.url}/healthz
  data:        ${runtime.dataDir}
  ingest key:  ${runtime.ingestKey}   (header x-api-key for POST /v1/events)
Press Ctrl+C to stop.`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping, flushing the stores…`)
    await runtime.close()
    console.log('Stopped cleanly.')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err) => {
  console.error(`Could not start: ${(err as Error).message}`)
  process.exit(1)
})
