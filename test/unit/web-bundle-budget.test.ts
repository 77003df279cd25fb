import { beforeAll, describe, expect, it } from 'vitest'
import {
  FIRST_LOAD_BUDGET_GZIP,
  firstLoadChunks,
  firstLoadGzip,
  type ManifestChunk,
  measureWebBuild,
  type WebBundleFile,
} from '../../bench/lib/web-bundle.js'

describe('which chunks a first load fetches', () => {
  it.each<{ name: string; manifest: Record<string, ManifestChunk>; first: string[] }>([
    {
      name: 'the entry, its static imports and chart.js, not the pages loaded on demand',
      manifest: {
        'index.html': {
          file: 'assets/index.js',
          isEntry: true,
          imports: ['_shared.js'],
          dynamicImports: ['src/components/chartjs.ts', 'src/pages/Settings/index.tsx'],
        },
        '_shared.js': { file: 'assets/shared.js' },
        'src/components/chartjs.ts': { file: 'assets/chartjs.js' },
        'src/pages/Settings/index.tsx': { file: 'assets/Settings.js', imports: ['_settings-only.js'] },
        '_settings-only.js': { file: 'assets/settings-only.js' },
      },
      first: ['index.html', '_shared.js', 'src/components/chartjs.ts'],
    },
    {
      name: 'a page loaded on demand stays out even when a first-load chunk imports it',
      manifest: {
        'index.html': { file: 'assets/index.js', isEntry: true, dynamicImports: ['src/components/x.ts'] },
        'src/components/x.ts': { file: 'assets/x.js', dynamicImports: ['src/pages/Awards/ReviewQueue.tsx'] },
        'src/pages/Awards/ReviewQueue.tsx': { file: 'assets/ReviewQueue.js' },
      },
      first: ['index.html', 'src/components/x.ts'],
    },
  ])('$name', ({ manifest, first }) => {
    expect([...firstLoadChunks(manifest)].sort()).toEqual([...first].sort())
  })
})

describe("the dashboard's built JavaScript (issue #18)", () => {
  let files: WebBundleFile[]
  let indexHtml: string
  beforeAll(async () => {
    ;({ files, indexHtml } = await measureWebBuild())
  }, 120_000)

  it('keeps a first load within 100 KB gzipped', () => {
    expect(firstLoadGzip(files)).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_GZIP)
  })

  it('loads chart.js with the first page: both roles land on a chart', () => {
    expect(files.find((f) => f.src === 'src/components/chartjs.ts')?.firstLoad).toBe(true)
  })

  it("has index.html ask for chart.js's chunk at once, beside index.js (not once index.js has run)", () => {
    const chartJs = files.find((f) => f.src === 'src/components/chartjs.ts')?.file
    expect(indexHtml).toContain(`<link rel="modulepreload" crossorigin href="/assets/${chartJs}">`)
  })

  it.each(['thai-400', 'thai-700', 'latin-400', 'latin-700'])(
    'has index.html preload Sarabun %s (text laid out once, not again when the face arrives)',
    (face) => {
      expect(indexHtml).toMatch(
        new RegExp(
          `<link rel="preload" as="font" type="font/woff2" crossorigin href="/assets/sarabun-${face}-normal-[\\w-]+\\.woff2">`,
        ),
      )
    },
  )

  it("marks the first load's chunks, and only them, with V8's compile hint on their first line", () => {
    expect(files.filter((f) => f.compileHint).map((f) => f.src)).toEqual(
      files.filter((f) => f.firstLoad).map((f) => f.src),
    )
  })

  it("loads the words of DGA's pages on demand, with those pages, not in the first load", () => {
    const words = files.filter((f) => f.file.startsWith('dga-pages-'))
    expect(words.map((f) => f.firstLoad)).toEqual([false])
  })

  it('preloads no page loaded on demand', () => {
    for (const f of files.filter((f) => !f.firstLoad)) expect(indexHtml).not.toContain(f.file)
  })

  it.each([
    'src/pages/Overview/index.tsx',
    'src/pages/Settings/index.tsx',
    'src/pages/Subscriptions/index.tsx',
    'src/pages/Awards/ReviewQueue.tsx',
    'src/pages/Awards/Certification.tsx',
  ])('loads DGA-only %s on demand, in a chunk of its own', (src) => {
    const chunk = files.find((f) => f.src === src)
    expect(chunk).toBeDefined()
    expect(chunk?.firstLoad).toBe(false)
  })
})
