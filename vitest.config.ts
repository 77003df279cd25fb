import { existsSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import { hasJava } from './test/support/dynamodb-local.js'

// CI must check both DynamoDB implementations: fail loudly rather than quietly test one.
if (process.env.CI && !hasJava())
  throw new Error('CI needs Java for the DynamoDB Local test project (.ci/run installs it)')

/**
 * Every suite runs "as of" one instant, never the wall clock: the product's clock (and the tests', through the
 * same module) starts there. `TEST_NOW=… npm test` runs the suites as of another date (`npm run test:dates` runs
 * the awkward ones: see docs/decisions.md).
 */
const TEST_NOW = process.env.TEST_NOW ?? '2026-12-02T10:00:00+07:00'
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', TZ: 'UTC', OGD_NOW: TEST_NOW }

/**
 * The integration files whose subject is how the store behaves — conditional writes and transactions under
 * concurrency, queries and indexes, batches, leases, TTL and archives, change lists — and so run on Amazon's
 * DynamoDB Local too. The other files test what is built on top (API answers, reports, emails, validation) through
 * the same store code and run once, on dynalite (a second run of them cost about four minutes of every CI run).
 * A new storage test belongs here.
 */
const STORAGE_TESTS = [
  'archive',
  'catalog-sync',
  'catalog-sync-job',
  'concurrency',
  'exact-ingest',
  'import-history',
  'incremental-counting',
  'ingest',
  'jobs',
  'journal',
  'leases',
  'monthly-run',
  'read-model-changes',
  'recompute',
  'recount',
  'resource-cache',
  'rollup-crash',
  'store-worker',
].map((name) => `test/integration/${name}.test.ts`)
for (const file of STORAGE_TESTS) {
  if (!existsSync(file)) throw new Error(`${file}, listed as a storage test, does not exist`)
}

/** Integration tests: the apps and stores through the real AWS SDK against embedded servers. */
function integration(name: string, include = ['test/integration/**/*.test.ts']) {
  return {
    test: {
      name,
      include,
      globalSetup: ['test/support/embedded-servers.ts'],
      setupFiles: ['test/support/isolated-store.ts'],
      // Bounds for a machine under load, not expectations of speed: benchmarks measure speed (bench/).
      testTimeout: 180_000,
      hookTimeout: 180_000,
      env,
    },
  }
}

export default defineConfig({
  test: {
    env,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env } },
      integration('integration'),
      // The storage tests again against Amazon's DynamoDB Local, wherever Java is installed (CI installs it).
      ...(hasJava() ? [integration('integration-dynamodb-local', STORAGE_TESTS)] : []),
      {
        test: {
          name: 'cdk',
          include: ['test/cdk/**/*.test.ts'],
          setupFiles: ['test/cdk/outdir.ts'],
          testTimeout: 600_000,
          env,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Waits are on conditions (the product's output, the page): these bounds only catch a hang.
          testTimeout: 900_000,
          hookTimeout: 900_000,
          expect: { poll: { timeout: 120_000, interval: 100 } },
          // Two files at a time, each starting its own product in its own data directory, on its own ports. The
          // dashboard is built and the demo loaded once, before any starts; suites start on a copy of that demo.
          globalSetup: ['test/e2e/build-web.ts', 'test/e2e/demo-template.ts'],
          env,
        },
      },
    ],
  },
})
