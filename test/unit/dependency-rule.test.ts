import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

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

  it('only functions/store imports the AWS SDK', () => {
    const files = sources('functions').filter((f) => !f.startsWith('functions/store/'))
    expect(files.length).toBeGreaterThan(20)
    // The check sees imports: the store itself does import the SDK.
    expect(violations(sources('functions/store'), (s) => s.startsWith('@aws-sdk/')).length).toBeGreaterThan(5)
    expect(violations(files, (s) => s.startsWith('@aws-sdk/'))).toEqual([])
  })

  it('web never imports functions, and cdk never imports runtime code', () => {
    expect(violations(sources('web'), (s) => s.startsWith('functions/'))).toEqual([])
    expect(violations(sources('cdk'), (s) => /^(functions|web)\//.test(s))).toEqual([])
  })
})
