/**
 * The pure parts of `npm run update-robots`: reading the COUNTER robots list, checking it, and what changed.
 * The COUNTER list (github.com/atmire/COUNTER-Robots) is a JSON array of `{pattern, last_changed, …}`, each
 * pattern a regular expression meant to be matched case-insensitively.
 */

export const COUNTER_ROBOTS_URL =
  'https://raw.githubusercontent.com/atmire/COUNTER-Robots/master/COUNTER_Robots_list.json'

export const VENDORED_ABOUT =
  'The COUNTER robots list (Project COUNTER, github.com/atmire/COUNTER-Robots, MIT licence): regular expressions, matched case-insensitively anywhere in the user agent, of robots that COUNTER-compliant usage statistics leave out. counting-v2’s robots are these together with the isbot library. Written by `npm run update-robots`, which records where and when the list was taken; a refresh changes what counting-v2 leaves out (docs/decisions.md).'

/** The vendored file, shared/counting/counter-robots.json. */
export interface VendoredRobots {
  about: string
  source: string
  /** The commit of the COUNTER repository the list was taken at, when known. */
  commit: string | null
  /** The day the list was taken (YYYY-MM-DD). */
  fetchedAt: string | null
  /** The latest `last_changed` among the entries. */
  lastChanged: string | null
  patterns: string[]
}

export interface CounterEntry {
  pattern: string
  lastChanged?: string
}

/** A robots list that cannot be vendored; `problems` says every reason. */
export class RobotListError extends Error {
  constructor(readonly problems: string[]) {
    super(`The robots list is not usable:\n- ${problems.join('\n- ')}`)
    this.name = 'RobotListError'
  }
}

/** Reads the COUNTER list's JSON text into entries, or throws RobotListError saying what is wrong. */
export function parseCounterList(text: string): CounterEntry[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new RobotListError([`not JSON: ${(error as Error).message}`])
  }
  if (!Array.isArray(data)) throw new RobotListError(['not a JSON array of {pattern, last_changed}'])
  const problems: string[] = []
  const entries: CounterEntry[] = []
  data.forEach((item: unknown, index) => {
    const { pattern, last_changed } = (item ?? {}) as { pattern?: unknown; last_changed?: unknown }
    if (typeof pattern !== 'string') problems.push(`entry ${index} has no pattern`)
    else entries.push(typeof last_changed === 'string' ? { pattern, lastChanged: last_changed } : { pattern })
  })
  if (problems.length > 0) throw new RobotListError(problems)
  return entries
}

/**
 * Every reason a list of patterns cannot be vendored: empty, blank, duplicated, not compiling (alone or as one
 * alternation), catastrophic in shape, or referring back to a group.
 */
export function validatePatterns(patterns: readonly string[]): string[] {
  if (patterns.length === 0) return ['the list is empty']
  const problems: string[] = []
  const seen = new Set<string>()
  for (const pattern of patterns) {
    if (pattern.trim() === '') problems.push('a pattern is blank (it would match every user agent)')
    if (seen.has(pattern)) problems.push(`${JSON.stringify(pattern)} is listed twice`)
    seen.add(pattern)
    try {
      new RegExp(pattern, 'i')
    } catch (error) {
      problems.push(`${JSON.stringify(pattern)} does not compile: ${(error as Error).message}`)
      continue
    }
    const shape = catastrophicShape(pattern)
    if (shape) problems.push(`${JSON.stringify(pattern)} has a catastrophic shape: ${shape}`)
    if (/\\(?:[1-9]|k<)/.test(pattern))
      problems.push(`${JSON.stringify(pattern)} has a back-reference (the list is matched as one expression)`)
  }
  // The classifier matches the whole list as one alternation: it must compile as one too (no group name twice).
  if (problems.length === 0)
    try {
      new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'i')
    } catch (error) {
      problems.push(`the patterns do not compile as one alternation: ${(error as Error).message}`)
    }
  return problems
}

/** Patterns added and removed from one version of a list to the next (each in the order of its list). */
export function diffPatterns(
  before: readonly string[],
  after: readonly string[],
): { added: string[]; removed: string[] } {
  const old = new Set(before)
  const now = new Set(after)
  return { added: after.filter((p) => !old.has(p)), removed: before.filter((p) => !now.has(p)) }
}

/** The diff as people read it: one line per pattern, `+` added, `-` removed. */
export function formatDiff(diff: { added: string[]; removed: string[] }): string {
  if (diff.added.length === 0 && diff.removed.length === 0) return 'No pattern added or removed.'
  return [
    `${diff.added.length} pattern(s) added, ${diff.removed.length} removed:`,
    ...diff.added.map((p) => `+ ${p}`),
    ...diff.removed.map((p) => `- ${p}`),
  ].join('\n')
}

/** The vendored file for a checked list. */
export function vendoredRobots(
  entries: readonly CounterEntry[],
  origin: { source: string; commit: string | null; fetchedAt: string },
): VendoredRobots {
  const changed = entries.flatMap((e) => (e.lastChanged ? [e.lastChanged] : [])).sort()
  return {
    about: VENDORED_ABOUT,
    source: origin.source,
    commit: origin.commit,
    fetchedAt: origin.fetchedAt,
    lastChanged: changed.at(-1) ?? null,
    patterns: entries.map((e) => e.pattern),
  }
}

/**
 * Why a regular expression can backtrack exponentially (or polynomially, with a high power) on a hostile user
 * agent, by its shape; null when it has none of the known catastrophic shapes:
 * - a repeated group that itself contains a quantifier: `(a+)+`, `(.*)*`, `(\w+\s?)*`, `(a?){2,}`;
 * - a repeated alternation whose branches can start alike: `(a|ab)*`, `(.|\s)+`;
 * - two adjacent repeats over overlapping characters: `.*.*`, `\w+\w*`.
 * A heuristic, on purpose conservative: a safe pattern of one of these shapes is flagged too (rewrite it).
 */
export function catastrophicShape(pattern: string): string | null {
  const adjacent = /(?:\.|\\[wWsSdD]|\[(?:\\.|[^\]\\])*\])[*+]\??(?:\.|\\[wWsSdD]|\[(?:\\.|[^\]\\])*\])[*+]/
  if (adjacent.test(pattern)) return 'adjacent repeats over overlapping characters'
  const groups: { start: number; quantified: boolean; alternation: boolean }[] = []
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]
    const top = groups.at(-1)
    if (char === '\\') i++
    else if (char === '[') i = classEnd(pattern, i)
    else if (char === '(') {
      groups.push({ start: i, quantified: false, alternation: false })
      i += groupPrefix(pattern.slice(i + 1)).length
    } else if (char === '|' && top) top.alternation = true
    else if (char === ')' && top) {
      groups.pop()
      const repeat = repeatAt(pattern, i + 1)
      if (repeat?.many && top.quantified)
        return `a repeated group contains a quantifier (${pattern.slice(top.start, i + 1)}…)`
      if (repeat?.many && top.alternation && branchesOverlap(pattern.slice(top.start + 1, i)))
        return `a repeated alternation whose branches start alike (${pattern.slice(top.start, i + 1)}…)`
      const parent = groups.at(-1)
      if (parent && (top.quantified || repeat)) parent.quantified = true
      if (repeat) i += repeat.length
    } else if (top && repeatAt(pattern, i)) top.quantified = true
  }
  return null
}

/** The index of the `]` closing the character class opened at `open`. */
function classEnd(pattern: string, open: number): number {
  let i = open + 1
  if (pattern[i] === '^') i++
  if (pattern[i] === ']') i++
  for (; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++
  return i
}

/** The quantifier at `at`, if any: its length and whether it repeats more than once. */
function repeatAt(pattern: string, at: number): { length: number; many: boolean } | null {
  const match = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(pattern.slice(at))
  if (!match) return null
  const [text, symbol, , comma, max] = match
  const many = symbol
    ? symbol !== '?'
    : comma !== undefined
      ? max === '' || Number(max) > 1
      : Number(match[2]) > 1
  return { length: text.length, many }
}

/** What follows a group's `(` before its body: `?:`, `?=`, `?!`, `?<=`, `?<!`, `?<name>`, or nothing. */
function groupPrefix(rest: string): string {
  return /^\?(?::|=|!|<=|<!|<[^>]+>)/.exec(rest)?.[0] ?? ''
}

/** Whether two top-level branches of an alternation can begin with the same character (by their first atom). */
function branchesOverlap(body: string): boolean {
  const inner = body.slice(groupPrefix(body).length)
  const branches: string[] = []
  let depth = 0
  let from = 0
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i]
    if (char === '\\') i++
    else if (char === '[') i = classEnd(inner, i)
    else if (char === '(') depth++
    else if (char === ')') depth--
    else if (char === '|' && depth === 0) {
      branches.push(inner.slice(from, i))
      from = i + 1
    }
  }
  branches.push(inner.slice(from))
  const firsts = branches.map((b) =>
    /^(?:\\.|\[|\(|\.)/.test(b) || b === '' ? '*' : b.charAt(0).toLowerCase(),
  )
  return firsts.includes('*') || new Set(firsts).size < firsts.length
}
