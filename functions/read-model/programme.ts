import { type AwardProgramme, DEFAULT_PROGRAMME } from '../../shared/awards.js'
import { countingRulesOf } from '../../shared/counting/rules.js'
import type { CountingRules } from '../../shared/counting/user-agent.js'
import { fiscalYearOfMonth } from '../../shared/time.js'
import { getAwardProgramme, programmeVersionKey, type StoredProgramme } from '../store/award-programmes.js'
import { memoize, stampOf, type Versions } from './cache.js'

/** The programme in force for a fiscal year: the one DGA set, or the default; cached per version. */
export function programmeOf(
  versions: Versions,
  fy: number,
): Promise<{ programme: AwardProgramme; stored?: StoredProgramme }> {
  return memoize(`programme|${fy}`, stampOf(versions, programmeVersionKey(fy)), async () => {
    const stored = await getAwardProgramme(fy)
    return stored ? { programme: stored.programme, stored } : { programme: DEFAULT_PROGRAMME }
  })
}

/** The counting rules of the fiscal year a period (a month, or a fiscal year) belongs to. */
export async function countingRulesOfPeriod(
  versions: Versions,
  period: { month: string } | { fy: number },
): Promise<CountingRules> {
  const fy = 'month' in period ? fiscalYearOfMonth(period.month) : period.fy
  return countingRulesOf(fy, (await programmeOf(versions, fy)).programme)
}
