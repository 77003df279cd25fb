/**
 * The acceptance test of counting-v2's user-agent classes, on public corpora the team did not write:
 * - crawlers: the `instances` of crawler-user-agents (github.com/monperrus/crawler-user-agents, npm
 *   `crawler-user-agents`), real user agents of robots, crawlers and spiders;
 * - browsers: the user agents of `user-agents` (Intoli, github.com/intoli/user-agents), real browsers seen on
 *   websites, with the share of traffic each had.
 * isbot draws on crawler-user-agents among other sources, so its figure on that corpus is not independent; the
 * browser corpus is where a false "robot" would show.
 *
 * A crawler classified as machine access is not a miss: machine access is counted apart, never as a regular
 * download (the corpus lists some programmatic clients, curl/7.64.0, python-requests/2.22.0 …). Both figures are
 * stated: robot alone, and robot or machine ("not counted as regular").
 */
import crawlers from 'crawler-user-agents'
import UserAgent from 'user-agents'
import { describe, expect, it } from 'vitest'
import { type ClientClass, type CountingRules, classifyUserAgent } from '../../shared/counting/user-agent.js'

const crawlerAgents = [...new Set(crawlers.flatMap((c) => c.instances ?? []))]
const browserWeights = new Map<string, number>()
for (const b of UserAgent.top())
  browserWeights.set(b.userAgent, (browserWeights.get(b.userAgent) ?? 0) + b.weight)
const browserAgents = [...browserWeights.keys()]

/** Shares of a corpus per class under one rules version. */
function shares(agents: readonly string[], rules: CountingRules) {
  const count: Record<ClientClass, number> = { robot: 0, machine: 0, regular: 0 }
  for (const ua of agents) count[classifyUserAgent(ua, rules)]++
  return {
    robot: count.robot / agents.length,
    notRegular: (count.robot + count.machine) / agents.length,
    count,
  }
}

const pct = (share: number) => `${(share * 100).toFixed(2)} %`
const crawlersV1 = shares(crawlerAgents, 'counting-v1')
const crawlersV2 = shares(crawlerAgents, 'counting-v2')
const browsersV1 = shares(browserAgents, 'counting-v1')
const browsersV2 = shares(browserAgents, 'counting-v2')

console.log(
  [
    `crawler-user-agents: ${crawlerAgents.length} distinct crawler user agents`,
    `  counting-v1 robot ${pct(crawlersV1.robot)}, robot or machine ${pct(crawlersV1.notRegular)}`,
    `  counting-v2 robot ${pct(crawlersV2.robot)}, robot or machine ${pct(crawlersV2.notRegular)}`,
    `user-agents: ${browserAgents.length} distinct browser user agents`,
    `  counting-v1 left out ${pct(browsersV1.robot)}, not regular ${pct(browsersV1.notRegular)}`,
    `  counting-v2 left out ${pct(browsersV2.robot)}, not regular ${pct(browsersV2.notRegular)}`,
  ].join('\n'),
)

describe('counting-v2 on public corpora', () => {
  it('reads corpora large enough to measure a share of 0.2 %', () => {
    expect(crawlerAgents.length).toBeGreaterThan(2000)
    expect(browserAgents.length).toBeGreaterThan(900)
  })

  it(`leaves out or counts apart ${pct(crawlersV2.notRegular)} of crawlers (at least 99 %)`, () => {
    expect(crawlersV2.notRegular).toBeGreaterThanOrEqual(0.99)
    // Robots alone: machine access listed as crawlers (curl, python-requests …) is counted apart instead.
    expect(crawlersV2.robot).toBeGreaterThanOrEqual(0.95)
  })

  it(`does better than counting-v1 (${pct(crawlersV1.robot)} robot, ${pct(crawlersV1.notRegular)} with machines)`, () => {
    expect(crawlersV2.robot).toBeGreaterThan(crawlersV1.robot)
    expect(crawlersV2.notRegular).toBeGreaterThan(crawlersV1.notRegular)
    expect(crawlersV1.robot).toBeLessThan(0.8)
  })

  it(`leaves out ${pct(browsersV2.robot)} of browsers (at most 0.2 %), and counts none apart`, () => {
    expect(browsersV2.robot).toBeLessThanOrEqual(0.002)
    expect(browsersV2.notRegular).toBeLessThanOrEqual(0.002)
  })

  it('leaves out at most 0.2 % of browser traffic, weighted by each user agent’s share', () => {
    let total = 0
    let leftOut = 0
    for (const [ua, weight] of browserWeights) {
      total += weight
      if (classifyUserAgent(ua, 'counting-v2') !== 'regular') leftOut += weight
    }
    expect(leftOut / total).toBeLessThanOrEqual(0.002)
  })
})
