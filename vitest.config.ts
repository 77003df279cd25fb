import { defineConfig } from 'vitest/config'

const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', TZ: 'UTC' }

export default defineConfig({
  test: {
    env,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/embedded-servers.ts'],
          setupFiles: ['test/support/isolated-store.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env,
        },
      },
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
