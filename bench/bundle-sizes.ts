/**
 * Bundle size of every Lambda function, as `cdk synth` builds it, and what fills the ingest bundle.
 * Run: `npm run bench:bundles`. Prints a Markdown section for docs/BENCHMARKS.md.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { App } from 'aws-cdk-lib'
import { build, type Plugin } from 'esbuild'
import { BUNDLING } from '../cdk/constructs/function.js'
import { fromRoot, REPO_ROOT } from '../cdk/paths.js'
import { OgdRankingsStack } from '../cdk/stack.js'

const KB = 1000
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`

interface AssetMetadata {
  'aws:asset:path': string
  'aws:cdk:path': string
}

interface FunctionBundle {
  path: string
  handler: string
  bytes: number
  gzipBytes: number
}

/** Synthesizes the stack with bundling into a temporary directory and measures each function's index.mjs. */
function measureBundles(): FunctionBundle[] {
  const outdir = mkdtempSync(join(tmpdir(), 'ogd-bundles-'))
  try {
    const app = new App({
      outdir,
      context: {
        webDist: 'none',
        'aws:cdk:enable-asset-metadata': true,
        'aws:cdk:enable-path-metadata': true,
      },
    })
    const stack = new OgdRankingsStack(app, 'OgdRankings')
    const assembly = app.synth()
    const template = assembly.getStackByName(stack.stackName).template as {
      Resources: Record<string, { Type: string; Properties: { Handler: string }; Metadata: AssetMetadata }>
    }
    return Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => {
        const code = readFileSync(join(outdir, r.Metadata['aws:asset:path'], 'index.mjs'))
        return {
          path: r.Metadata['aws:cdk:path'].replace(/\/Function\/Resource$/, ''),
          handler: r.Properties.Handler,
          bytes: code.length,
          gzipBytes: gzipSync(code).length,
        }
      })
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

/** Rewrites `import { z } from 'zod'` to a namespace import, which esbuild can tree-shake. */
const zodNamespacePlugin: Plugin = {
  name: 'zod-namespace-import',
  setup(b) {
    b.onLoad({ filter: /\/(functions|shared)\/.*\.ts$/ }, async ({ path }) => ({
      loader: 'ts',
      contents: (await readFile(path, 'utf8')).replace(
        /import \{ z \} from 'zod'/g,
        "import * as z from 'zod'",
      ),
    }))
  },
}

/** Bundles an entry as ProductFunction does, in memory, with esbuild's metafile. */
function bundle(entry: string, plugins: Plugin[] = []) {
  return build({
    entryPoints: [fromRoot(entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    minify: BUNDLING.minify,
    target: BUNDLING.target,
    mainFields: [...BUNDLING.mainFields],
    external: [...BUNDLING.externalModules],
    outfile: 'index.mjs',
    logLevel: 'silent',
    plugins,
  })
}

/** Bytes of the minified output by package (or project folder), from esbuild's metafile. */
async function composition(entry: string): Promise<[string, number][]> {
  const result = await bundle(entry)
  const totals = new Map<string, number>()
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1]
      const key = pkg ?? relative(REPO_ROOT, fromRoot(input)).split('/').slice(0, 2).join('/')
      totals.set(key, (totals.get(key) ?? 0) + bytesInOutput)
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1])
}

const started = Date.now()
const bundles = measureBundles()
const seconds = ((Date.now() - started) / 1000).toFixed(1)
const lines = [
  '| function | handler | index.mjs (minified) | gzip |',
  '| --- | --- | ---: | ---: |',
  ...bundles.map((b) => `| ${b.path} | ${b.handler} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} |`),
  '',
  `Whole-stack synth with bundling: ${seconds} s.`,
  '',
  'What fills the ingest bundle (esbuild metafile, bytes in the minified output):',
  '',
  '| package or folder | bytes |',
  '| --- | ---: |',
  ...(await composition('functions/ingest/lambda.ts')).slice(0, 12).map(([k, v]) => `| ${k} | ${kb(v)} |`),
  '',
  "The same bundles if every `import { z } from 'zod'` were `import * as z from 'zod'` (same API, tree-shakeable):",
  '',
  '| entry | index.mjs (minified) |',
  '| --- | ---: |',
]
for (const entry of ['functions/ingest/lambda.ts', 'functions/api/lambda.ts']) {
  const { outputFiles } = await bundle(entry, [zodNamespacePlugin])
  lines.push(`| ${entry} | ${kb(outputFiles.find((f) => f.path.endsWith('.mjs'))?.contents.length ?? 0)} |`)
}
console.log(lines.join('\n'))
