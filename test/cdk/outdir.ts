import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/**
 * The apps of a test file synthesize into one directory of the file's own, removed after it: without an outdir
 * (and CDK_OUTDIR) CDK makes a new temporary directory per app and leaves it behind (hundreds a suite run).
 */
const outdir = mkdtempSync(join(tmpdir(), 'ogd-cdk-test-'))
process.env.CDK_OUTDIR = outdir
afterAll(() => rmSync(outdir, { recursive: true, force: true }))
