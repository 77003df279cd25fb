import { isbot } from 'isbot'
import counterRobots from './counter-robots.json' with { type: 'json' }
import lists from './user-agents-v1.json' with { type: 'json' }
import listsV2 from './user-agents-v2.json' with { type: 'json' }

/** How a client is treated: robots are left out, machines are counted apart from regular use. */
export type ClientClass = 'robot' | 'machine' | 'regular'

/** The versions of the counting rules; a fiscal year is counted under one of them (PRODUCT.md). */
export type CountingRules = 'counting-v1' | 'counting-v2'

export const COUNTING_RULES_VERSIONS: readonly CountingRules[] = ['counting-v1', 'counting-v2']

/** counting-v1's name: what ingest classifies with, and what existing readers report. */
export const COUNTING_RULES = lists.version as 'counting-v1'

const LABELS: Record<CountingRules, { th: string; en: string }> = {
  'counting-v1': {
    th: 'กติกาการนับ ฉบับที่ 1: ไม่นับบอตตามรายการของโครงการ และนับการคลิกซ้ำภายใน 30 วินาทีเป็นครั้งเดียว',
    en: "Counting rules v1: robots left out by the project's list, repeat clicks within 30 s counted once",
  },
  'counting-v2': {
    th: 'กติกาการนับ ฉบับที่ 2 (ตั้งแต่ปีงบประมาณ 2570): ไม่นับบอตตามเครื่องมือตรวจจับบอตและรายการของ COUNTER และไม่นับการดึงไฟล์จำนวนมากแบบกวาดเก็บ',
    en: 'Counting rules v2 (from FY 2570): robots left out by bot detection and the COUNTER list, harvesting left out',
  },
}

/** The counting rules' short name, for a title line: "กติกาการนับ ฉบับที่ 2", "counting rules v2". */
export function countingRulesName(rules: CountingRules): { th: string; en: string } {
  const n = rules === 'counting-v1' ? 1 : 2
  return { th: `กติกาการนับ ฉบับที่ ${n}`, en: `counting rules v${n}` }
}

/** The counting rules named in plain words, for reports and the dashboard. */
export function countingRulesLabel(rules: CountingRules): { th: string; en: string } {
  return LABELS[rules]
}

/** Ingest stores at most this much of a user agent; classifying more would judge what is never stored. */
export const USER_AGENT_MAX_LENGTH = 512

// counting-v1, exactly as it was counted: robots first, then machines.
const compile = (patterns: string[]) => patterns.map((p) => new RegExp(p, 'i'))
const ROBOTS = compile(lists.robots)
const MACHINES = compile(lists.machines)

function classifyV1(ua: string): ClientClass {
  if (ua === '' || ROBOTS.some((re) => re.test(ua))) return 'robot'
  if (MACHINES.some((re) => re.test(ua))) return 'machine'
  return 'regular'
}

// counting-v2: each list as one alternation (one scan of the user agent instead of one per pattern).
const anyOf = (patterns: readonly string[]) =>
  patterns.length === 0 ? /(?!)/ : new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'i')
const MACHINES_V2 = anyOf(listsV2.machines)
const BROWSERS_V2 = anyOf(listsV2.browsers)
const COUNTER_ROBOTS = anyOf(counterRobots.patterns)

/** counting-v2: machines first, then the browser allow-list, then the COUNTER list and isbot. */
function classifyV2(ua: string): ClientClass {
  if (ua === '') return 'robot'
  if (MACHINES_V2.test(ua)) return 'machine'
  if (BROWSERS_V2.test(ua)) return 'regular'
  if (COUNTER_ROBOTS.test(ua) || isbot(ua)) return 'robot'
  return 'regular'
}

const CLASSIFIERS: Record<CountingRules, (ua: string) => ClientClass> = {
  'counting-v1': classifyV1,
  'counting-v2': classifyV2,
}

// The same few hundred user agents make most requests: remember their class, per rules version (bounded).
const MEMO_SIZE = 10_000
const memos = new Map<CountingRules, Map<string, ClientClass>>(
  COUNTING_RULES_VERSIONS.map((r) => [r, new Map()]),
)

/**
 * Classifies a user agent under a counting rules version; an empty or missing user agent is a robot. Only the
 * first 512 characters count (what ingest stores); any string is classified, none throws.
 */
export function classifyUserAgent(
  userAgent: string | undefined | null,
  rules: CountingRules = 'counting-v1',
): ClientClass {
  const classify = CLASSIFIERS[rules]
  const memo = memos.get(rules)
  if (!classify || !memo) throw new RangeError(`Unknown counting rules: ${String(rules)}`)
  const ua = (typeof userAgent === 'string' ? userAgent : '').slice(0, USER_AGENT_MAX_LENGTH).trim()
  let result = memo.get(ua)
  if (result === undefined) {
    result = classify(ua)
    if (memo.size >= MEMO_SIZE) memo.clear()
    memo.set(ua, result)
  }
  return result
}

/** Forgets every remembered class (benchmarks measure classification cold with it). */
export function clearUserAgentMemo(): void {
  for (const memo of memos.values()) memo.clear()
}
