import { resolve } from 'node:path'
import preact from '@preact/preset-vite'
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite'

/**
 * What every first page needs besides index.js, asked for by index.html itself so it downloads beside index.js
 * instead of after it (issue #18, a phone's time to usable): chart.js's chunk (imported as the dashboard starts,
 * evaluated when it is imported) and Sarabun's faces (so text is laid out once, not again when they arrive).
 */
export function preloadFirstPage(): Plugin {
  let base = '/'
  return {
    name: 'ogd-preload-first-page',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const tags: HtmlTagDescriptor[] = []
        for (const file of Object.values(ctx.bundle ?? {})) {
          const href = `${base}${file.fileName}`
          if (file.type === 'chunk' && file.facadeModuleId?.endsWith('/src/components/chartjs.ts'))
            tags.push({
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: true, href },
              injectTo: 'head',
            })
          else if (/\/sarabun-(thai|latin)-(400|700)-normal-[\w-]+\.woff2$/.test(`/${file.fileName}`))
            tags.push({
              tag: 'link',
              attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: true, href },
              injectTo: 'head',
            })
        }
        return tags
      },
    },
  }
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact(), preloadFirstPage()],
  build: { outDir: resolve(import.meta.dirname, 'dist'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/d': 'http://127.0.0.1:3000' } },
})
