import { defineConfig } from 'vitest/config'
import { hasJava } from './test/support/dynamodb-local.js'

// CI must check both DynamoDB implementations: fail loudly rather than quietly test one.
if (process.env.CI && !hasJava())
  throw new Error('CI needs Java for the DynamoDB Local test project (.ci/run installs it)')

const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', TZ: 'UTC' }

/** Integration tests: the apps and stores through the real AWS SDK against embedded servers. */
function integration(name: string) {
  return {
    test: {
      name,
      include: ['test/integration/**/*.test.ts'],
      globalSetup: ['test/support/embedded-servers.ts'],
      setupFiles: ['test/support/isolated-store.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
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
      // The same storage tests against Amazon's DynamoDB Local, wherever Java is installed (CI installs it).
      ...(hasJava() ? [integration('integration-dynamodb-local')] : []),
      { test: { name: 'cdk', include: ['test/cdk/**/*.test.ts'], testTimeout: 120_000, env } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          env,
        },
      },
    ],
  },
})
