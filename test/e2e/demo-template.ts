import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startProduct } from './local-process.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory holding the loaded demo and last month's report, stopped cleanly: copy it, never use it. */
    demoTemplate: string
    /** The product's clock when the template's product stopped: copies start there, so time never runs back. */
    demoTemplateNow: string
  }
}

/**
 * Loads the demo once for all the browser suites, exactly as `npm start` does on an empty data directory (the
 * demo, then last month's report), and stops the product. Each suite starts its own product on a copy
 * (`startDemoProduct`): loading the demo took most of each file's time when every file loaded its own.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'ogd-e2e-demo-template-'))
  // The project's `env` (its clock, OGD_NOW) reaches the test files, not this set-up: pass it on.
  const env = Object.fromEntries(
    Object.entries(project.config.env ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
  )
  const product = await startProduct({ ...env, DATA_DIR: dir, SEED_DEMO: '1' })
  try {
    await product.waitForOutput('Demo data ready')
    await product.waitForOutput(/Monthly report \d{4}-\d{2}: version \d+ stored/)
    const now = await product.now()
    const code = await product.stop('SIGTERM')
    if (code !== 0) throw new Error(`the demo template's product exited with ${code}:\n${product.output()}`)
    project.provide('demoTemplate', dir)
    project.provide('demoTemplateNow', new Date(now).toISOString())
  } catch (err) {
    await product.stop('SIGKILL')
    throw err
  }
  return async () => {
    await rm(dir, { recursive: true, force: true })
  }
}
