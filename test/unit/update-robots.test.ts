import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  catastrophicShape,
  diffPatterns,
  formatDiff,
  parseCounterList,
  RobotListError,
  validatePatterns,
  vendoredRobots,
} from '../../scripts/robot-list.js'
import { updateRobots } from '../../scripts/update-robots.js'
import counterRobots from '../../shared/counting/counter-robots.json' with { type: 'json' }
import v1 from '../../shared/counting/user-agents-v1.json' with { type: 'json' }
import v2 from '../../shared/counting/user-agents-v2.json' with { type: 'json' }

// A list in the COUNTER list's format (github.com/atmire/COUNTER-Robots), with entries of our own.
const FIXTURE = resolve(import.meta.dirname, '../fixtures/counter-robots-sample.json')
const fixtureText = () => readFile(FIXTURE, 'utf8')

describe('reading the COUNTER list', () => {
  it('reads the patterns and their last change, ignoring other fields', async () => {
    const entries = parseCounterList(await fixtureText())
    expect(entries).toHaveLength(7)
    expect(entries[0]).toEqual({ pattern: 'bot', lastChanged: '2017-08-08' })
    expect(entries.map((e) => e.pattern)).toContain('findlinks')
  })

  it.each([
    ['not JSON', '<html>rate limited</html>', /not JSON/],
    ['not an array', '{"pattern": "bot"}', /not a JSON array/],
    [
      'an entry without a pattern',
      '[{"pattern": "bot"}, {"last_changed": "2020-01-01"}, null]',
      /entry 1 has no/,
    ],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseCounterList(text)).toThrow(RobotListError)
    expect(() => parseCounterList(text)).toThrow(message)
  })

  it('records where and when the list was taken, and its latest change', async () => {
    const file = vendoredRobots(parseCounterList(await fixtureText()), {
      source: 'https://example.org/list.json',
      commit: null,
      fetchedAt: '2026-12-02',
    })
    expect(file).toMatchObject({ source: 'https://example.org/list.json', fetchedAt: '2026-12-02' })
    expect(file.lastChanged).toBe('2023-03-03')
    expect(file.patterns).toHaveLength(7)
  })
})

describe('checking a list before it is vendored', () => {
  it('passes a good list', async () => {
    const patterns = parseCounterList(await fixtureText()).map((e) => e.pattern)
    expect(validatePatterns(patterns)).toEqual([])
  })

  it('says every problem of a bad list', () => {
    const problems = validatePatterns(['bot', 'bot', '(unclosed', '  ', '(a+)+$'])
    expect(problems).toHaveLength(4)
    expect(problems.join('\n')).toMatch(/"bot" is listed twice/)
    expect(problems.join('\n')).toMatch(/"\(unclosed" does not compile/)
    expect(problems.join('\n')).toMatch(/blank/)
    expect(problems.join('\n')).toMatch(/"\(a\+\)\+\$" has a catastrophic shape/)
  })

  it('refuses what cannot be matched as one expression: back-references, a group name used twice', () => {
    expect(validatePatterns(['(ab)\\1'])).toEqual([expect.stringMatching(/back-reference/)])
    expect(validatePatterns(['(?<v>a)x', '(?<v>b)y'])).toEqual([expect.stringMatching(/one alternation/)])
  })

  it('refuses an empty list (it would leave no robot out)', () => {
    expect(validatePatterns([])).toEqual(['the list is empty'])
  })
})

describe('the catastrophic-shape checker', () => {
  it.each([
    '(a+)+',
    '(.*)*',
    '(\\w+\\s?)*',
    '(a?){2,}',
    '^(\\d+)*$',
    '(?:x(?:[a-z]+)y)+',
    '(?<name>a+)+',
    '(a|ab)*',
    '(.|\\s)+',
    '.*.*',
    '\\w+\\w*',
  ])('flags %s', (pattern) => expect(catastrophicShape(pattern)).not.toBeNull())

  it.each([
    'bot',
    '^.?$',
    '[^a]fish',
    'a+b+',
    '(?:ab)+',
    '(a|b)*',
    '(a+)?',
    '[(+*)]+x',
    'x\\(a+\\)+',
    '^java\\/\\d{1,2}.\\d',
  ])('passes %s', (pattern) => expect(catastrophicShape(pattern)).toBeNull())

  it('passes every vendored list: the COUNTER list, counting-v1 and counting-v2', () => {
    const lists = [counterRobots.patterns, v1.robots, v1.machines, v2.machines, v2.browsers]
    for (const patterns of lists) expect(patterns.filter((p) => catastrophicShape(p) !== null)).toEqual([])
    expect(lists.flat().length).toBeGreaterThan(150)
  })
})

describe('what changed between two versions of the list', () => {
  it('lists the patterns added and removed, in list order', () => {
    const diff = diffPatterns(['bot', 'crawl', 'spider'], ['bot', 'spider', 'findlinks', 'Turnitin'])
    expect(diff).toEqual({ added: ['findlinks', 'Turnitin'], removed: ['crawl'] })
    expect(formatDiff(diff)).toBe('2 pattern(s) added, 1 removed:\n+ findlinks\n+ Turnitin\n- crawl')
  })

  it('says so when nothing changed', () => {
    expect(formatDiff(diffPatterns(['bot'], ['bot']))).toBe('No pattern added or removed.')
  })
})

describe('update-robots from a local copy', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('writes the vendored file with its origin and prints the diff from the previous one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'update-robots-'))
    const out = join(dir, 'counter-robots.json')
    await writeFile(out, JSON.stringify({ patterns: ['bot', 'old-robot'] }))
    const { report } = await updateRobots({
      from: FIXTURE,
      source: 'https://raw.githubusercontent.com/atmire/COUNTER-Robots/master/COUNTER_Robots_list.json',
      commit: '0123456789abcdef0123456789abcdef01234567',
      out,
      today: '2026-12-02',
    })
    const written = JSON.parse(await readFile(out, 'utf8'))
    expect(written).toMatchObject({
      commit: '0123456789abcdef0123456789abcdef01234567',
      fetchedAt: '2026-12-02',
      lastChanged: '2023-03-03',
    })
    expect(written.source).toMatch(/atmire\/COUNTER-Robots/)
    expect(written.patterns).toHaveLength(7)
    expect(report).toContain('6 pattern(s) added, 1 removed')
    expect(report).toContain('- old-robot')
  })

  it('writes nothing when the list is unusable', async () => {
    dir = await mkdtemp(join(tmpdir(), 'update-robots-'))
    const bad = join(dir, 'bad.json')
    const out = join(dir, 'counter-robots.json')
    await writeFile(bad, JSON.stringify([{ pattern: '(.*)*' }]))
    await expect(updateRobots({ from: bad, out, today: '2026-12-02' })).rejects.toThrow(RobotListError)
    await expect(readFile(out, 'utf8')).rejects.toThrow(/ENOENT/)
  })

  it('is not part of npm test', async () => {
    const pkg = JSON.parse(await readFile(resolve(import.meta.dirname, '../../package.json'), 'utf8'))
    expect(pkg.scripts['update-robots']).toBe('tsx scripts/update-robots.ts')
    expect(pkg.scripts.test).not.toContain('update-robots')
  })
})
