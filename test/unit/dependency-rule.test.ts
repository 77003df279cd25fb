import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PARTITIONS } from '../../functions/store/keys.js'

const ROOT = resolve(import.meta.dirname, '../..')

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'dist') return []
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path)
    return /\.(ts|tsx|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** The modules a file imports (static and dynamic), resolved against the repository when relative. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map(
    (m) => m[1] as string,
  )
  return specs.map((s) => (s.startsWith('.') ? relative(ROOT, resolve(ROOT, file, '..', s)) : s))
}

const violations = (files: string[], forbidden: (spec: string) => boolean) =>
  files.flatMap((f) =>
    importsOf(f)
      .filter((s) => forbidden(s))
      .map((s) => `${f} imports ${s}`),
  )

describe('the dependency rule (README, Architecture)', () => {
  it('shared imports no other folder of the project and no I/O', () => {
    const bad = violations(
      sources('shared'),
      (s) => /^(functions|web|cdk|test)\//.test(s) || /^node:(fs|net|http|child_process)/.test(s),
    )
    expect(bad).toEqual([])
  })

  it('only functions/store (the table and bucket) and functions/aws (other AWS services) import the AWS SDK', () => {
    const isAws = (f: string) => f.startsWith('functions/store/') || f.startsWith('functions/aws/')
    const files = sources('functions').filter((f) => !isAws(f))
    expect(files.length).toBeGreaterThan(20)
    // The check sees imports: the store itself does import the SDK.
    expect(violations(sources('functions/store'), (s) => s.startsWith('@aws-sdk/')).length).toBeGreaterThan(5)
    expect(violations(sources('functions/aws'), (s) => s.startsWith('@aws-sdk/')).length).toBe(3)
    expect(violations(files, (s) => s.startsWith('@aws-sdk/'))).toEqual([])
  })

  it('web never imports functions, and cdk imports no runtime code but the table keys', () => {
    expect(violations(sources('web'), (s) => s.startsWith('functions/'))).toEqual([])
    const cdkImports = violations(sources('cdk'), (s) => /^(functions|web)\//.test(s))
    expect(cdkImports.length).toBeGreaterThan(0)
    expect(cdkImports.filter((v) => !v.endsWith(' imports functions/store/keys.js'))).toEqual([])
  })

  it('the table keys module is pure: no AWS SDK, no other module of the product but shared types', () => {
    expect(importsOf('functions/store/keys.ts').filter((s) => !s.startsWith('shared/'))).toEqual([])
  })

  it('reports, emails and jobs read through the read model, never through the API', () => {
    const files = ['functions/reports', 'functions/email', 'functions/jobs', 'functions/read-model'].flatMap(
      sources,
    )
    expect(files.length).toBeGreaterThan(15)
    expect(violations(files, (s) => s.startsWith('functions/api/'))).toEqual([])
  })

  it('the read model and the jobs know nothing of HTTP (errors.ts maps their errors to statuses)', () => {
    const files = ['functions/read-model', 'functions/reports', 'functions/email', 'functions/jobs'].flatMap(
      sources,
    )
    expect(violations(files, (s) => s === 'hono' || s.startsWith('hono/'))).toEqual([])
  })

  it('log lines are written by functions/log.ts only (one JSON shape everywhere)', () => {
    const handMade = sources('functions').filter(
      (f) =>
        f !== 'functions/log.ts' &&
        /JSON\.stringify\(\s*\{\s*level\b/.test(readFileSync(join(ROOT, f), 'utf8')),
    )
    expect(handMade).toEqual([])
  })

  it('only config.ts and the entry points of processes read process.env', () => {
    const entryPoints = ['functions/config.ts', 'functions/local/main.ts', 'functions/cli/main.ts']
    const readers = sources('functions').filter((f) =>
      /process\.env\b/.test(readFileSync(join(ROOT, f), 'utf8')),
    )
    expect(readers.filter((f) => !entryPoints.includes(f) && !isComment(f))).toEqual([])
    expect(readers).toContain('functions/config.ts')
  })

  it('no key prefix or partition name is written outside store/keys.ts', () => {
    // Families (`EVENT#…`) by their prefix, single partitions by their whole name, count sort keys (`A#`, `D#`).
    const families = Object.values(PARTITIONS)
      .filter((p) => p.endsWith('#*'))
      .map((p) => p.slice(0, -1))
    const singles = Object.values(PARTITIONS).filter((p) => !p.endsWith('#*'))
    const literal = new RegExp(
      `['"\`](${[...families, 'A#', 'D#', ...singles.map((p) => `${p}#`)].map(escapeRegExp).join('|')}|(${singles
        .map(escapeRegExp)
        .join('|')})['"\`])`,
    )
    const files = [...sources('functions'), ...sources('cdk')].filter((f) => f !== 'functions/store/keys.ts')
    const found = files.flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (literal.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    )
    expect(found).toEqual([])
    // The check finds what it looks for.
    expect(literal.test("pk: 'COUNTS#M#2026-11'")).toBe(true)
    expect(literal.test('sk: `A#agency-1`')).toBe(true)
    expect(literal.test("pk: 'VERSION'")).toBe(true)
  })
})

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whether a file mentions process.env only in comments (the runtime's options say where env comes from). */
function isComment(file: string) {
  return readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => /process\.env\b/.test(line))
    .every((line) => /^\s*(\/\/|\*|\/\*)/.test(line))
}
