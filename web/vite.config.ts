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

/** The chunks every first page evaluates as it starts: the dashboard's entry and chart.js. */
const firstLoad = (chunk: { isEntry: boolean; facadeModuleId: string | null }) =>
  chunk.isEntry || (chunk.facadeModuleId?.endsWith('/src/components/chartjs.ts') ?? false)

/** V8's explicit compile hint for a whole file (Chrome 136+), on the file's first line. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad'

/**
 * Marks the first load's chunks with V8's explicit compile hint: every function of the file is compiled as the
 * file is streamed in, off the main thread, instead of lazily on it when first called — a phone's first page calls
 * most of them (issue #18; docs/decisions.md). Added last, after minification (which drops comments) and after
 * Vite's own preamble, on a line of its own that the source map skips.
 */
export function compileHints(): Plugin {
  return {
    name: 'ogd-compile-hints',
    apply: 'build',
    // The hint is part of the file: its name changes with it (a cached file without the hint is not reused).
    augmentChunkHash: (chunk) => (firstLoad(chunk) ? COMPILE_HINT : undefined),
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || !firstLoad(chunk)) continue
          chunk.code = `${COMPILE_HINT}\n${chunk.code}`
          if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`
          const map = bundle[`${chunk.fileName}.map`]
          if (map?.type === 'asset') {
            const json = JSON.parse(String(map.source)) as { mappings: string }
            json.mappings = `;${json.mappings}`
            map.source = JSON.stringify(json)
          }
        }
      },
    },
  }
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact(), preloadFirstPage(), compileHints()],
  build: { outDir: resolve(import.meta.dirname, 'dist'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/d': 'http://127.0.0.1:3000' } },
})
