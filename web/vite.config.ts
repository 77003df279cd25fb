import { resolve } from 'node:path'
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  build: { outDir: resolve(import.meta.dirname, 'dist'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/d': 'http://127.0.0.1:3000' } },
})
