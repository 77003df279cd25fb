import type { Rolldown } from 'vite'
import { describe, expect, it } from 'vitest'
import { COMPILE_HINT, compileHints } from '../../web/vite.config.js'

type OutputAsset = Rolldown.OutputAsset
type OutputBundle = Rolldown.OutputBundle
type OutputChunk = Rolldown.OutputChunk

const chunk = (fileName: string, isEntry: boolean, facadeModuleId: string | null): OutputChunk =>
  ({
    type: 'chunk',
    fileName,
    isEntry,
    facadeModuleId,
    code: 'export const x=1;\n',
    map: { mappings: 'AAAA' },
  }) as unknown as OutputChunk

const mapAsset = (fileName: string): OutputAsset =>
  ({ type: 'asset', fileName, source: JSON.stringify({ version: 3, mappings: 'AAAA' }) }) as OutputAsset

/** Runs the plugin's last step over a bundle, as the build does once the files are minified. */
function generate(bundle: OutputBundle): void {
  const hook = compileHints().generateBundle as { handler: (o: unknown, b: OutputBundle) => void }
  hook.handler({}, bundle)
}

describe("V8's compile hint on the first load's chunks (issue #18)", () => {
  it.each([
    { name: 'the entry', file: chunk('index.js', true, '/repo/web/index.html'), hinted: true },
    {
      name: "chart.js's chunk",
      file: chunk('chartjs.js', false, '/repo/web/src/components/chartjs.ts'),
      hinted: true,
    },
    {
      name: 'a page loaded on demand',
      file: chunk('Settings.js', false, '/repo/web/src/pages/Settings/index.tsx'),
      hinted: false,
    },
    { name: 'a shared chunk without a facade', file: chunk('shared.js', false, null), hinted: false },
  ])('$name: hinted $hinted, its source maps kept in step', ({ file, hinted }) => {
    const bundle = {
      [file.fileName]: file,
      [`${file.fileName}.map`]: mapAsset(`${file.fileName}.map`),
    } as OutputBundle
    generate(bundle)
    const code = (bundle[file.fileName] as OutputChunk).code
    const map = JSON.parse(String((bundle[`${file.fileName}.map`] as OutputAsset).source)) as {
      mappings: string
    }
    if (hinted) {
      expect(code).toBe(`${COMPILE_HINT}\nexport const x=1;\n`)
      // One line more at the top: every mapping one line further down, in the chunk's map and the map's file.
      expect(file.map?.mappings).toBe(';AAAA')
      expect(map.mappings).toBe(';AAAA')
    } else {
      expect(code).toBe('export const x=1;\n')
      expect(file.map?.mappings).toBe('AAAA')
      expect(map.mappings).toBe('AAAA')
    }
  })

  it("changes the hinted chunks' names with the hint (a cached copy without it is not reused)", () => {
    const hash = compileHints().augmentChunkHash as (c: {
      isEntry: boolean
      facadeModuleId: string | null
    }) => unknown
    expect(hash({ isEntry: true, facadeModuleId: '/repo/web/index.html' })).toBe(COMPILE_HINT)
    expect(hash({ isEntry: false, facadeModuleId: '/repo/web/src/pages/Settings/index.tsx' })).toBeUndefined()
  })
})
