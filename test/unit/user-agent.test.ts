import { describe, expect, it } from 'vitest'
import { classifyUserAgent } from '../../shared/counting/user-agent.js'

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
