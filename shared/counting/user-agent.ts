import lists from './user-agents-v1.json' with { type: 'json' }

/** How counting-v1 treats a client: robots are left out, machines are counted apart from regular use. */
export type ClientClass = 'robot' | 'machine' | 'regular'

export const COUNTING_RULES = lists.version

const compile = (patterns: string[]) => patterns.map((p) => new RegExp(p, 'i'))
const ROBOTS = compile(lists.robots)
const MACHINES = compile(lists.machines)

function classify(ua: string): ClientClass {
  if (ua === '' || ROBOTS.some((re) => re.test(ua))) return 'robot'
  if (MACHINES.some((re) => re.test(ua))) return 'machine'
  return 'regular'
}

// The same few hundred user agents make most requests: remember their class (bounded).
const memo = new Map<string, ClientClass>()

/** Classifies a user agent by the versioned lists; an empty or missing user agent is a robot. */
export function classifyUserAgent(userAgent: string | undefined | null): ClientClass {
  const ua = (userAgent ?? '').trim()
  let result = memo.get(ua)
  if (result === undefined) {
    result = classify(ua)
    if (memo.size >= 10_000) memo.clear()
    memo.set(ua, result)
  }
  return result
}
