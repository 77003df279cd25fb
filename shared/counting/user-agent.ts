import lists from './user-agents-v1.json' with { type: 'json' }

/** How counting-v1 treats a client: robots are left out, machines are counted apart from regular use. */
export type ClientClass = 'robot' | 'machine' | 'regular'

export const COUNTING_RULES = lists.version

const compile = (patterns: string[]) => patterns.map((p) => new RegExp(p, 'i'))
const ROBOTS = compile(lists.robots)
const MACHINES = compile(lists.machines)

/** Classifies a user agent by the versioned lists; an empty or missing user agent is a robot. */
export function classifyUserAgent(userAgent: string | undefined | null): ClientClass {
  const ua = (userAgent ?? '').trim()
  if (ua === '' || ROBOTS.some((re) => re.test(ua))) return 'robot'
  if (MACHINES.some((re) => re.test(ua))) return 'machine'
  return 'regular'
}
