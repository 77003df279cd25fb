import { DEFAULT_PROGRAMME } from '../../shared/awards.js'
import type { CountingRules } from '../../shared/counting/user-agent.js'
import { bangkokMonth, monthsOfFiscalYear } from '../../shared/time.js'
import { clock } from '../clock.js'
import { generateMonthlyReport } from '../reports/generate.js'
import { getAwardProgramme, putAwardProgramme } from '../store/award-programmes.js'
import { listReportEntries } from '../store/reports.js'
import { recomputeMonth } from './rollup.js'

export interface RecountResult {
  fy: number
  rules: CountingRules
  previousRules: CountingRules | undefined
  /** Each month of the year so far: recounted; its report restated when it had one (a new version if changed). */
  months: { month: string; report?: { version: number; created: boolean } }[]
}

/** The months of a fiscal year that have begun (all twelve once it is over). */
export const monthsSoFar = (fy: number, now = clock.now()) =>
  monthsOfFiscalYear(fy).filter((m) => m <= bangkokMonth(now))

/**
 * Recounts a fiscal year under a counting rules version: the year's programme names the version from now on
 * (so the rollup counts new days under it), every month so far is recounted from raw events, and every month
 * that had a report is restated: a new report version when its figures changed, earlier versions readable.
 */
export async function recountFiscalYear(
  fy: number,
  rules: CountingRules,
  actor: string,
  progress: (message: string) => void = () => {},
): Promise<RecountResult> {
  const stored = await getAwardProgramme(fy)
  const programme = { ...(stored?.programme ?? DEFAULT_PROGRAMME), countingRules: rules }
  await putAwardProgramme({ fy, programme, setBy: actor, setAt: clock.iso() })
  const months: RecountResult['months'] = []
  for (const month of monthsSoFar(fy)) {
    await recomputeMonth(month)
    const hadReport = (await listReportEntries(month)).length > 0
    if (!hadReport) {
      months.push({ month })
      progress(`${month}: recounted under ${rules}`)
      continue
    }
    const { entry, created } = await generateMonthlyReport(month)
    months.push({ month, report: { version: entry.version, created } })
    progress(
      `${month}: recounted under ${rules}; report ${created ? `restated as v${entry.version}` : 'unchanged'}`,
    )
  }
  return { fy, rules, previousRules: stored?.programme.countingRules, months }
}
