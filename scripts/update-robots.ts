/**
 * `npm run update-robots [-- --from URL|PATH] [--source URL] [--commit SHA] [--out PATH] [--dry-run]`: takes the
 * COUNTER robots list (by default the master branch on GitHub; `--from` or COUNTER_ROBOTS_URL for another URL or
 * a local copy, whose origin `--source` and `--commit` record), checks it (not empty, every pattern compiles, no catastrophic shape), writes
 * shared/counting/counter-robots.json with where and when it was taken, and prints the patterns added and
 * removed. The vendored list is part of counting-v2: refresh it deliberately (docs/decisions.md), never from
 * `npm test`.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  COUNTER_ROBOTS_URL,
  diffPatterns,
  formatDiff,
  parseCounterList,
  RobotListError,
  type VendoredRobots,
  validatePatterns,
  vendoredRobots,
} from './robot-list.js'

const ROOT = resolve(import.meta.dirname, '..')
const VENDORED = resolve(ROOT, 'shared/counting/counter-robots.json')

export interface UpdateOptions {
  /** An http(s) URL or a file path. */
  from: string
  /** The commit the list was taken at, when the source does not say. */
  commit?: string
  /** The source to record, when `from` is a local copy of it. */
  source?: string
  out: string
  dryRun?: boolean
  /** The day recorded as `fetchedAt` (YYYY-MM-DD). */
  today: string
}

/** Takes, checks and writes the list; returns what changed. Throws RobotListError when the list is unusable. */
export async function updateRobots(
  options: UpdateOptions,
): Promise<{ file: VendoredRobots; report: string }> {
  const downloaded = await download(options.from)
  const { text, commit } = downloaded
  const source = options.source ?? downloaded.source
  const entries = parseCounterList(text)
  const problems = validatePatterns(entries.map((e) => e.pattern))
  if (problems.length > 0) throw new RobotListError(problems)
  const file = vendoredRobots(entries, { source, commit: options.commit ?? commit, fetchedAt: options.today })
  const before = await readVendored(options.out)
  const report = [
    `${file.patterns.length} patterns from ${source}${file.commit ? ` at ${file.commit}` : ''} (last changed ${file.lastChanged ?? 'unknown'})`,
    formatDiff(diffPatterns(before?.patterns ?? [], file.patterns)),
  ].join('\n')
  if (!options.dryRun) await writeFile(options.out, `${JSON.stringify(file, null, 2)}\n`)
  return { file, report }
}

/**
 * The list's text. A GitHub raw URL on a branch is first pinned to the branch's current commit (GitHub's API),
 * so the commit recorded is the one read; when that look-up fails, the branch is read and no commit recorded.
 */
async function download(from: string): Promise<{ text: string; source: string; commit: string | null }> {
  if (!/^https?:\/\//.test(from)) return { text: await readFile(from, 'utf8'), source: from, commit: null }
  const raw = /^https:\/\/raw\.githubusercontent\.com\/([^/]+)\/([^/]+)\/([^/]+)\/(.+)$/.exec(from)
  let url = from
  let commit: string | null = null
  if (raw) {
    const [, owner, repo, ref, path] = raw
    commit = /^[0-9a-f]{40}$/.test(ref ?? '') ? (ref ?? null) : await commitOf(`${owner}/${repo}`, ref ?? '')
    if (commit) url = `https://raw.githubusercontent.com/${owner}/${repo}/${commit}/${path}`
  }
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) }).catch((error: Error) => {
    throw new Error(`GET ${url}: ${error.message}${error.cause ? ` (${String(error.cause)})` : ''}`)
  })
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${response.statusText}`)
  return { text: await response.text(), source: from, commit }
}

async function commitOf(repo: string, ref: string): Promise<string | null> {
  try {
    const response = await fetch(`https://api.github.com/repos/${repo}/commits/${encodeURIComponent(ref)}`, {
      headers: { accept: 'application/vnd.github.sha' },
      signal: AbortSignal.timeout(15_000),
    })
    const sha = response.ok ? (await response.text()).trim() : ''
    return /^[0-9a-f]{40}$/.test(sha) ? sha : null
  } catch {
    return null
  }
}

async function readVendored(path: string): Promise<VendoredRobots | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as VendoredRobots
  } catch {
    return null
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      commit: { type: 'string' },
      source: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  })
  try {
    const { report } = await updateRobots({
      from: values.from ?? process.env.COUNTER_ROBOTS_URL ?? COUNTER_ROBOTS_URL,
      ...(values.commit ? { commit: values.commit } : {}),
      ...(values.source ? { source: values.source } : {}),
      out: values.out ? resolve(values.out) : VENDORED,
      dryRun: values['dry-run'] ?? false,
      today: new Date().toISOString().slice(0, 10),
    })
    console.log(report)
    if (values['dry-run']) console.log('(dry run: nothing written)')
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) await main()
