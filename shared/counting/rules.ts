import type { CountingRules } from './user-agent.js'

/**
 * Which counting rules a fiscal year is counted under: the one its award programme names, else counting-v2 from
 * fiscal year 2570 and counting-v1 before (PRODUCT.md). One version per fiscal year, so counts under two versions
 * never mix in one period (a month belongs to one fiscal year).
 */
export const COUNTING_V2_FROM_FY = 2570

export function countingRulesOf(fy: number, programme?: { countingRules?: CountingRules }): CountingRules {
  return programme?.countingRules ?? (fy >= COUNTING_V2_FROM_FY ? 'counting-v2' : 'counting-v1')
}
