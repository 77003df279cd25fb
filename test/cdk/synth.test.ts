import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { App } from 'aws-cdk-lib'
import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineApp } from '../../cdk/define-app.js'

interface LambdaResource {
  Type: string
  Properties: { Handler: string }
  Metadata: Record<string, string>
}

/** The handlers of the stack's functions (the ingest and API functions both export `handler`). */
const HANDLERS = ['handler', 'rollupHandler', 'catalogSyncHandler', 'monthlyHandler', 'archiveHandler']

/** What `npm run synth` does, in process: bundling, the AWS Solutions checks and CDK's own validation. */
describe('synth of the whole app, with bundling', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'ogd-synth-'))
  let stack: CloudFormationStackArtifact
  let functions: LambdaResource[]

  beforeAll(() => {
    const app = new App({
      outdir,
      context: {
        webDist: 'none',
        'aws:cdk:enable-asset-metadata': true,
        'aws:cdk:enable-path-metadata': true,
      },
    })
    const { stackName } = defineApp(app)
    stack = app.synth().getStackByName(stackName)
    const resources = Object.values(stack.template.Resources as Record<string, LambdaResource>)
    functions = resources.filter((r) => r.Type === 'AWS::Lambda::Function')
  }, 120_000)
  afterAll(() => rmSync(outdir, { recursive: true, force: true }))

  const bundleOf = (handler: string) => {
    const fn = functions.find((f) => f.Properties.Handler === `index.${handler}`)
    if (!fn) throw new Error(`no function with handler ${handler}`)
    return join(outdir, fn.Metadata['aws:asset:path'] ?? '')
  }

  it('passes the AWS Solutions checks (synth would have thrown otherwise)', () => {
    expect(stack.stackName).toBe('OgdRankings')
  })

  it('bundles every function into a minified ES module with a source map', () => {
    // Ingest, API, rollup, catalog sync, the monthly run (recount, report, emails), the raw events' archive.
    expect(functions).toHaveLength(6)
    for (const handler of HANDLERS) {
      const dir = bundleOf(handler)
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8')
      expect(code.length).toBeGreaterThan(1000)
      expect(code).toMatch(/\bexport\s*\{/)
      // minified: long lines (newlines survive only inside string literals)
      expect(code.length / code.split('\n').length).toBeGreaterThan(200)
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true)
    }
  })

  it('bundles export the handlers the functions name', () => {
    for (const handler of HANDLERS) {
      const code = readFileSync(join(bundleOf(handler), 'index.mjs'), 'utf8')
      expect(code).toMatch(new RegExp(`export\\s*\\{[^}]*\\bas ${handler}\\b`))
    }
  })

  it('ships the Sarabun font files beside the report job, which sets its PDFs in them', () => {
    const dir = bundleOf('monthlyHandler')
    for (const file of ['sarabun-thai-400-normal.woff', 'sarabun-latin-700-normal.woff']) {
      expect(
        readFileSync(join(dir, 'fonts', file))
          .subarray(0, 4)
          .toString('latin1'),
      ).toBe('wOFF')
    }
  })

  it('keeps Excel in the report job alone, and PDF in it and the API (certificates; the rollup runs every minute)', () => {
    for (const fn of functions) {
      const code = readFileSync(join(outdir, fn.Metadata['aws:asset:path'] ?? '', 'index.mjs'), 'utf8')
      const report = fn.Properties.Handler === 'index.monthlyHandler'
      // The API function is the one that tells the dashboard where to sign in.
      const env = (fn.Properties as { Environment?: { Variables?: Record<string, unknown> } }).Environment
      const api = env?.Variables?.COGNITO_DOMAIN !== undefined
      expect([fn.Properties.Handler, code.includes('xl/workbook.xml')]).toEqual([
        fn.Properties.Handler,
        report,
      ])
      expect([fn.Properties.Handler, api, code.includes('%PDF-')]).toEqual([
        fn.Properties.Handler,
        api,
        report || api,
      ])
    }
  })

  it('leaves the AWS SDK to the Lambda runtime', () => {
    const code = readFileSync(join(bundleOf('handler'), 'index.mjs'), 'utf8')
    expect(code).toContain('@aws-sdk/')
  })
})
