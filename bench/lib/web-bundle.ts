import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { COMPILE_HINT } from '../../web/vite.config.js'

/** The dashboard's JavaScript budget of a first load, gzipped (issue #18): what an executive's phone downloads. */
export const FIRST_LOAD_BUDGET_GZIP = 100_000

/** One JavaScript file of the built dashboard. */
export interface WebBundleFile {
  file: string
  /** The source the chunk was made for (Vite's manifest key), e.g. `src/pages/Settings/index.tsx`. */
  src: string
  bytes: number
  gzip: number
  /** Loaded by every first page: index.html's script, what it imports, and the chunks it imports as it starts. */
  firstLoad: boolean
  /** Whether the file's first line is V8's compile hint (web/vite.config.ts, `compileHints`). */
  compileHint: boolean
}

/** An entry of Vite's build manifest (the fields read here). */
export interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}

/**
 * Pages (and DGA's panels) are the chunks loaded on demand, when first shown; any other chunk the first page's
 * code imports, dynamically or not, is counted as loaded at start (chart.js is asked for as the dashboard starts).
 */
const loadedOnDemand = (src: string) => src.startsWith('src/pages/')

/** Which manifest entries a first load fetches: the entry, its static imports, and the eager dynamic ones. */
export function firstLoadChunks(manifest: Record<string, ManifestChunk>): Set<string> {
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return
    seen.add(key)
    for (const i of manifest[key].imports ?? []) visit(i)
    for (const i of manifest[key].dynamicImports ?? []) if (!loadedOnDemand(i)) visit(i)
  }
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key)
  return seen
}

/** Builds the dashboard as production does (Vite, into a temporary directory) and sizes each JavaScript file. */
export async function measureWebBundle(): Promise<WebBundleFile[]> {
  return (await measureWebBuild()).files
}

/** The same build's JavaScript files, sized, and its index.html (what it asks the browser for first). */
export async function measureWebBuild(): Promise<{ files: WebBundleFile[]; indexHtml: string }> {
  const outDir = await mkdtemp(join(tmpdir(), 'ogd-web-'))
  // A production build whatever the caller's environment (a test runner sets NODE_ENV=test, and Vite would then
  // bundle Preact's development code).
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      mode: 'production',
      configFile: join(import.meta.dirname, '../../web/vite.config.ts'),
      build: { outDir, emptyOutDir: true, sourcemap: false, manifest: true },
      logLevel: 'silent',
    })
    const manifest = JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      ManifestChunk
    >
    const first = firstLoadChunks(manifest)
    const chunks = Object.entries(manifest).filter(([, c]) => c.file.endsWith('.js'))
    const indexHtml = await readFile(join(outDir, 'index.html'), 'utf8')
    const files = await Promise.all(
      chunks.map(async ([key, chunk]) => {
        const code = await readFile(join(outDir, chunk.file))
        return {
          file: chunk.file.replace(/^assets\//, ''),
          src: chunk.src ?? key,
          bytes: code.length,
          gzip: gzipSync(code, { level: 9 }).length,
          firstLoad: first.has(key),
          compileHint: code.toString('utf8', 0, COMPILE_HINT.length + 1) === `${COMPILE_HINT}\n`,
        }
      }),
    )
    return { files, indexHtml }
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
    await rm(outDir, { recursive: true, force: true })
  }
}

/** Gzipped bytes of a first load. */
export const firstLoadGzip = (files: readonly WebBundleFile[]) =>
  files.filter((f) => f.firstLoad).reduce((sum, f) => sum + f.gzip, 0)
