import { Hono } from 'hono'
import * as z from 'zod'
import { DEFAULT_PROGRAMME } from '../../../shared/awards.js'
import { COUNTING_RULES_VERSIONS, type CountingRules } from '../../../shared/counting/user-agent.js'
import { bangkokMonth, monthsOfFiscalYear } from '../../../shared/time.js'
import { type AppEnv, principalOf } from '../../auth/middleware.js'
import { dgaOnly } from '../../auth/policy.js'
import { startMonthlyJob } from '../../aws/jobs.js'
import { clock } from '../../clock.js'
import { config } from '../../config.js'
import { AppError } from '../../errors.js'
import { forgetVersions } from '../../read-model/cache.js'
import { recordAudit } from '../../store/audit.js'
import { getAwardProgramme, putAwardProgramme } from '../../store/award-programmes.js'
import { readJson, validate } from '../../validation.js'
import { parseFy } from '../period.js'

const bodySchema = z.strictObject({
  rules: z.enum(
    COUNTING_RULES_VERSIONS as [CountingRules, ...CountingRules[]],
    'must be "counting-v1" or "counting-v2"',
  ),
})

/** Recounts a fiscal year in this process (the local runtime: functions/jobs/recount.ts). */
export type FiscalYearRecount = (fy: number, rules: CountingRules, actor: string) => Promise<unknown>

class RecountUnavailableError extends AppError {
  override name = 'RecountUnavailableError'
  constructor() {
    super('reports_unavailable', 'This API cannot recount: REPORT_FUNCTION is not set')
  }
}

/**
 * `/v1/counting/:fy`: DGA recounts a fiscal year under another counting rules version (audited). The year's
 * programme names the version from then on, its months are recounted from raw events and their reports restated
 * as new versions. Locally it runs in the request (`recount`); on AWS it starts the monthly function for each
 * month (recount and report steps) and answers 202.
 */
export function countingRoutes(recount?: FiscalYearRecount) {
  const counting = new Hono<AppEnv>()
  counting.post('/:fy', dgaOnly(), async (c) => {
    const fy = parseFy(c.req.param('fy'), clock.now())
    const { rules } = validate(bodySchema, await readJson(c))
    const principal = principalOf(c)
    const previous = (await getAwardProgramme(fy))?.programme
    const audit = (result: unknown) =>
      recordAudit({
        actor: principal.subject,
        action: 'counting.recount',
        target: `FY${fy}`,
        detail: { rules, previous: previous?.countingRules ?? null, result },
      })
    if (recount) {
      const result = await recount(fy, rules, principal.subject)
      forgetVersions()
      await audit(result)
      return c.json(result)
    }
    const { reportFunction } = config()
    if (!reportFunction) throw new RecountUnavailableError()
    const programme = { ...(previous ?? DEFAULT_PROGRAMME), countingRules: rules }
    await putAwardProgramme({ fy, programme, setBy: principal.subject, setAt: clock.iso() })
    const months = monthsOfFiscalYear(fy).filter((m) => m <= bangkokMonth(clock.now()))
    for (const month of months)
      await startMonthlyJob(reportFunction, month, ['recount', 'report'], principal.subject)
    await audit({ started: months })
    return c.json({ fy, rules, status: 'started', months }, 202)
  })
  return counting
}
