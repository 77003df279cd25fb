import { describe, expect, it } from 'vitest'
import {
  COUNTING_RULES,
  COUNTING_RULES_VERSIONS,
  classifyUserAgent,
  countingRulesLabel,
  USER_AGENT_MAX_LENGTH,
} from '../../shared/counting/user-agent.js'

describe('user agent classes (counting-v1)', () => {
  it.each([
    ['', 'robot'],
    ['   ', 'robot'],
    [undefined, 'robot'],
    ['-', 'robot'],
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'robot'],
    ['Mozilla/5.0 (compatible; bingbot/2.0)', 'robot'],
    ['GPTBot/1.0', 'robot'],
    ['Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0', 'robot'],
    ['python-requests/2.31.0 (scraper)', 'robot'],
    ['curl/8.4.0', 'machine'],
    ['CURL/7.0', 'machine'],
    ['Wget/1.21.4', 'machine'],
    ['python-requests/2.31.0', 'machine'],
    ['Python-urllib/3.11', 'machine'],
    ['R (4.3.1 x86_64-pc-linux-gnu x86_64 linux-gnu)', 'machine'],
    ['libcurl/8.1.2 r-curl/5.1.0 httr/1.4.7', 'machine'],
    ['Java/17.0.2', 'machine'],
    ['Apache-HttpClient/4.5.14 (Java/17)', 'machine'],
    ['Go-http-client/1.1', 'machine'],
    ['ckanapi/4.7', 'machine'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36', 'regular'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1', 'regular'],
  ])('%j is %s', (ua, expected) => expect(classifyUserAgent(ua)).toBe(expected))
})

const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36'
const DUCKDUCKGO_ANDROID =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile DuckDuckGo/5 Safari/537.36'

describe('user agent classes (counting-v2)', () => {
  it.each([
    ['curl/8.4.0'],
    ['Wget/1.21.4'],
    ['Wget2/2.1.0'],
    ['python-requests/2.31.0'],
    ['python-requests/2.31.0 (scraper)'],
    ['R (4.3.1 x86_64-pc-linux-gnu x86_64 linux-gnu)'],
    ['libcurl/8.1.2 r-curl/5.1.0 httr/1.4.7'],
    ['httr2/1.0.0 r-curl/5.2.0 libcurl/8.4.0'],
    ['Java/1.8.0_292'],
    ['Java/17.0.2'],
    ['Apache-HttpClient/4.5.14 (Java/17)'],
    ['Go-http-client/1.1'],
    ['Go-http-client/2.0'],
    ['okhttp/4.12.0'],
    ['axios/1.6.2'],
    ['node-fetch/1.0 (+https://github.com/bitinn/node-fetch)'],
    ['node'],
    ['PostmanRuntime/7.36.0'],
    ['python-httpx/0.25.2'],
    ['Python/3.11 aiohttp/3.9.1'],
    ['Python-urllib/3.11'],
    ['ckanapi/4.7 (+https://github.com/ckan/ckanapi)'],
    ['Microsoft.Data.Mashup (https://go.microsoft.com/fwlink/?LinkID=304225)'],
    ['Mozilla/5.0 QGIS/32800/Windows 10'],
  ])('%j is machine access', (ua) => expect(classifyUserAgent(ua, 'counting-v2')).toBe('machine'))

  // Crawlers counting-v1 missed (each was counted as a download), as crawler-user-agents lists them.
  it.each([
    ['APIs-Google (+https://developers.google.com/webmasters/APIs-Google.html)'],
    [
      'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/W.X.Y.Z Mobile Safari/537.36 (compatible; Google-InspectionTool/1.0)',
    ],
    ['Mozilla/5.0 (compatible; Google-InspectionTool/1.0)'],
    ['findlinks/2.0.1 (+http://wortschatz.uni-leipzig.de/findlinks/)'],
    ['ichiro/3.0 (http://search.goo.ne.jp/option/use/sub4/sub4-1/)'],
    ['coccoc/1.0 (http://help.coccoc.com/)'],
    ['Mozilla/5.0 (compatible; coccoc/1.0; +http://help.coccoc.com/searchengine)'],
    ['Mozilla/5.0 (X11; Ubuntu; Linux i686; rv:14.0; ips-agent) Gecko/20100101 Firefox/14.0.1'],
    ['Turnitin (https://bit.ly/2UvnfoQ)'],
    ['PostRank/2.0 (postrank.com)'],
    ['linkdex.com/v2.0'],
  ])('%j is a robot (counting-v1 counted it)', (ua) => {
    expect(classifyUserAgent(ua, 'counting-v1')).not.toBe('robot')
    expect(classifyUserAgent(ua, 'counting-v2')).toBe('robot')
  })

  it.each([
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    ['Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)'],
    ['DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)'],
    // A bot that only mentions the library it uses is the bot: the library's token does not lead.
    ['serpstatbot/1.0 (advanced backlink tracking bot; curl/7.58.0; http://serpstatbot.com/)'],
    ['Mozilla/5.0 (compatible; Go-http-client/1.1; +centurybot9@gmail.com)'],
    ['Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0'],
  ])('%j is a robot', (ua) => expect(classifyUserAgent(ua, 'counting-v2')).toBe('robot'))

  it.each([
    [DUCKDUCKGO_ANDROID, 'robot'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 DuckDuckGo/7 Safari/605.1.15',
      'robot',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15 Ddg/17.5',
      'regular',
    ],
    [BROWSER, 'regular'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1', 'regular'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/117.0.0 Chrome/111.0.0.0 Safari/537.36',
      'regular',
    ],
  ])('browser %j is regular (counting-v1 said %s)', (ua, v1) => {
    expect(classifyUserAgent(ua, 'counting-v1')).toBe(v1)
    expect(classifyUserAgent(ua, 'counting-v2')).toBe('regular')
  })

  it.each([[''], ['   '], [undefined], [null]])('a missing user agent (%j) is a robot', (ua) =>
    expect(classifyUserAgent(ua, 'counting-v2')).toBe('robot'),
  )

  it('classifies under counting-v1 when no version is named', () => {
    expect(classifyUserAgent(DUCKDUCKGO_ANDROID)).toBe('robot')
    expect(classifyUserAgent('python-requests/2.31.0 (scraper)')).toBe('robot')
    expect(classifyUserAgent('python-requests/2.31.0 (scraper)', 'counting-v2')).toBe('machine')
  })

  it('remembers classes per version: the same user agent answers by the version asked', () => {
    for (let i = 0; i < 3; i++) {
      expect(classifyUserAgent(DUCKDUCKGO_ANDROID, 'counting-v2')).toBe('regular')
      expect(classifyUserAgent(DUCKDUCKGO_ANDROID, 'counting-v1')).toBe('robot')
    }
  })
})

describe('hostile user agents', () => {
  const hostile: [string, string][] = [
    ['10 KB of "a"', 'a'.repeat(10_240)],
    ['10 KB of bot-like near misses', 'bo-t crawI spid3r '.repeat(600)],
    ['control characters', 'Mozilla/5.0\u0000\u0001\u001b[31m\r\n\t\u007f (X11)'],
    ['lone surrogates', `Mozilla/5.0 \ud800 (Windows) \udfff Chrome/120 ${'\ud83d'.repeat(100)}`],
    ['replacement characters of invalid UTF-8', `Mozilla/5.0 ${'\ufffd'.repeat(1000)}`],
    ['regular-expression syntax', '(a+)+$ [^]* \\ (?<x> .*.* {1,} |||'],
  ]

  it.each(hostile)('%s: classified under both versions, never thrown', (_, ua) => {
    for (const rules of COUNTING_RULES_VERSIONS)
      expect(['robot', 'machine', 'regular']).toContain(classifyUserAgent(ua, rules))
  })

  it('judges only the first 512 characters, as ingest stores them', () => {
    expect(USER_AGENT_MAX_LENGTH).toBe(512)
    const padded = `${BROWSER} ${'x'.repeat(600)}`
    expect(classifyUserAgent(`${padded} Googlebot/2.1`, 'counting-v2')).toBe('regular')
    expect(classifyUserAgent(`${padded.slice(0, 400)} Googlebot/2.1`, 'counting-v2')).toBe('robot')
    expect(classifyUserAgent(`${' '.repeat(600)}curl/8.4.0`, 'counting-v2')).toBe('robot')
  })

  it('a value that is not a string at run time is a missing user agent', () => {
    expect(classifyUserAgent(42 as unknown as string, 'counting-v2')).toBe('robot')
  })
})

describe('counting rules versions', () => {
  it('lists both versions, v1 first, and keeps v1 as the name existing readers report', () => {
    expect(COUNTING_RULES_VERSIONS).toEqual(['counting-v1', 'counting-v2'])
    expect(COUNTING_RULES).toBe('counting-v1')
  })

  it.each(['counting-v1', 'counting-v2'] as const)('%s has a label in Thai and English', (rules) => {
    const label = countingRulesLabel(rules)
    expect(label.th).toMatch(/^กติกาการนับ ฉบับที่ \d/)
    expect(label.en).toMatch(/^Counting rules v\d[ :]/)
  })

  it('names what counting-v2 leaves out in plain words', () => {
    expect(countingRulesLabel('counting-v2').en).toBe(
      'Counting rules v2 (from FY 2570): robots left out by bot detection and the COUNTER list, harvesting left out',
    )
    expect(countingRulesLabel('counting-v2').th).toContain('COUNTER')
  })
})
