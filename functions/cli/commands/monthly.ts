import { isMonth } from '../../../shared/time.js'
import { MONTHLY_STEPS, type MonthlyStep, monthJustEnded, runMonthly } from '../../jobs/monthly.js'
import { parseReportMonth } from '../../reports/month.js'
import { type Command, UsageError } from '../command.js'

/**
 * `monthly [--month YYYY-MM] [--steps recount,report,emails]`: the monthly pipeline by hand, as its schedule
 * runs it (recorded in the run history), e.g. to retry a failed run at once.
 */
export const monthly: Command = {
  name: 'monthly',
  summary: 'run the monthly pipeline (recount, report, emails) for a month, as its schedule does',
  usage: 'monthly [--month YYYY-MM] [--steps recount,report,emails]',
  options: { month: { type: 'string' }, steps: { type: 'string' } },
  async run({ values }, log) {
    const month = values.month ?? monthJustEnded()
    if (typeof month !== 'string' || !isMonth(month)) {
      throw new UsageError('--month must be YYYY-MM, e.g. 2022-11')
    }
    try {
      parseReportMonth(month)
    } catch (err) {
      throw new UsageError((err as Error).message)
    }
    const steps =
      typeof values.steps === 'string' ? values.steps.split(',').map((s) => s.trim()) : MONTHLY_STEPS
    const unknown = steps.filter((s) => !MONTHLY_STEPS.includes(s as MonthlyStep))
    if (unknown.length > 0 || steps.length === 0) {
      throw new UsageError(`--steps must be some of ${MONTHLY_STEPS.join(',')}; got "${values.steps}"`)
    }
    log.info(`Running ${steps.join(', ')} for ${month}…`)
    const run = await runMonthly(month, {
      trigger: 'cli',
      steps: steps as MonthlyStep[],
      progress: (m) => log.info(`  ${m}`),
    })
    log.info(`${month}: ${run.steps.map((s) => `${s.name} ${s.status}`).join(', ')} (run ${run.runId})`)
  },
}
