/**
 * User-agent classification, counting-v1 and counting-v2 in the same run: classifications per second over
 * 10,000 distinct user agents, cold (memo cleared before each pass) and memoised (every one seen before), and the
 * slowest single pattern of every list on hostile 512-character strings. Run: `npm run bench -- classify`.
 *
 * The user agents are real ones from public corpora: the crawler instances of `crawler-user-agents` and the
 * browsers of `user-agents` (Intoli), 3,000-odd distinct; the rest up to 10,000 are those same user agents with
 * one version number changed, as real traffic varies them.
 */
import crawlers from 'crawler-user-agents'
import { getPattern } from 'isbot'
import UserAgent from 'user-agents'
import counterRobots from '../shared/counting/counter-robots.json' with { type: 'json' }
import {
  COUNTING_RULES_VERSIONS,
  type CountingRules,
  classifyUserAgent,
  clearUserAgentMemo,
} from '../shared/counting/user-agent.js'
import v1 from '../shared/counting/user-agents-v1.json' with { type: 'json' }
import v2 from '../shared/counting/user-agents-v2.json' with { type: 'json' }
import { quantile, round } from './lib/stats.js'

const DISTINCT = 10_000
const PASSES = 7

const real = [
  ...new Set([...crawlers.flatMap((c) => c.instances), ...UserAgent.top().map((b) => b.userAgent)]),
]
const agents = new Set(real)
for (let step = 1; agents.size < DISTINCT; step++)
  for (const ua of real) {
    if (agents.size >= DISTINCT) break
    // The last number of the user agent, changed: a build or version real traffic would also show.
    agents.add(ua.replace(/\d+(?=\D*$)/, (n) => String(Number(n) + step)))
  }
const sample = [...agents]
console.log(
  `${sample.length} distinct user agents: ${real.length} real, ${sample.length - real.length} varied`,
)

const perSecond = (n: number) => (Math.round(n / 1000) * 1000).toLocaleString('en-US')

/** Classifications per second of one pass over the sample. */
function pass(rules: CountingRules): number {
  const started = performance.now()
  for (const ua of sample) classifyUserAgent(ua, rules)
  return sample.length / ((performance.now() - started) / 1000)
}

const rows: string[] = [
  '| rules | cold, per second (median of 7) | memoised, per second (median of 7) |',
  '| --- | --- | --- |',
]
for (const rules of COUNTING_RULES_VERSIONS) {
  pass(rules) // warm-up: compiled code, not the memo
  const cold: number[] = []
  const memoised: number[] = []
  for (let i = 0; i < PASSES; i++) {
    clearUserAgentMemo()
    cold.push(pass(rules))
    memoised.push(pass(rules))
  }
  rows.push(`| ${rules} | ${perSecond(quantile(cold, 0.5))} | ${perSecond(quantile(memoised, 0.5))} |`)
}
console.log(rows.join('\n'))

// Hostile strings: what the classifier can be given after truncation to 512 characters.
const hostile = {
  'a × 512': 'a'.repeat(512),
  'bot-like near misses': 'bo-t crawI spid3r b0t '.repeat(24).slice(0, 512),
  'spaces and slashes': ' /1.0 ('.repeat(80).slice(0, 512),
  'long word': `Mozilla/5.0 ${'x'.repeat(500)}`,
}
const lists: Record<string, RegExp[]> = {
  'counting-v1 robots and machines': [...v1.robots, ...v1.machines].map((p) => new RegExp(p, 'i')),
  'counting-v2 machines and browsers': [...v2.machines, ...v2.browsers].map((p) => new RegExp(p, 'i')),
  [`COUNTER robots list (${counterRobots.patterns.length} patterns)`]: counterRobots.patterns.map(
    (p) => new RegExp(p, 'i'),
  ),
  isbot: [getPattern()],
}
const worst: string[] = [
  '| list | slowest pattern | hostile string | µs per test |',
  '| --- | --- | --- | --- |',
]
for (const [list, patterns] of Object.entries(lists)) {
  let slowest = { micros: 0, pattern: '-', string: '-' }
  for (const re of patterns)
    for (const [name, text] of Object.entries(hostile)) {
      const started = performance.now()
      for (let i = 0; i < 200; i++) re.test(text)
      const micros = ((performance.now() - started) * 1000) / 200
      if (micros > slowest.micros) slowest = { micros, pattern: re.source.slice(0, 40), string: name }
    }
  worst.push(`| ${list} | \`${slowest.pattern}\` | ${slowest.string} | ${round(slowest.micros, 1)} |`)
}
console.log(worst.join('\n'))
clearUserAgentMemo()
const started = performance.now()
for (const rules of COUNTING_RULES_VERSIONS) classifyUserAgent('a'.repeat(10_240), rules)
console.log(`a 10 KB user agent, both versions, cold: ${round(performance.now() - started, 2)} ms`)
