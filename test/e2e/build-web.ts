import { buildWebIfNeeded } from '../../functions/local/web-assets.js'

/**
 * Builds the dashboard once before the browser suites start: they run two files at a time, and each product
 * they start would otherwise build `web/dist` itself, over the other's build.
 */
export default async function setup(): Promise<void> {
  await buildWebIfNeeded()
}
