import { COUNTING_RULES_VERSIONS, type CountingRules } from '../../../shared/counting/user-agent.js'
import { fiscalYearOf, parseFiscalYear } from '../../../shared/time.js'
import { clock } from '../../clock.js'
import { recountFiscalYear } from '../../jobs/recount.js'
import { recordAudit } from '../../store/audit.js'
import { type Command, UsageError } from '../command.js'

/**
 * `recount-fy --fy 2570 --rules counting-v1`: recount a fiscal year under another counting rules version, as
 * `POST /v1/counting/:fy` does (audited as the command line).
 */
export const recountFy: Command = {
  name: 'recount-fy',
  summary: 'recount a fiscal year under a counting rules version; its reports are restated as new versions',
  usage: `recount-fy --fy YYYY --rules ${COUNTING_RULES_VERSIONS.join('|')}`,
  options: { fy: { type: 'string' }, rules: { type: 'string' } },
  async run({ values }, log) {
    const fy = parseFiscalYear(typeof values.fy === 'string' ? values.fy : '')
    if (fy === undefined) throw new UsageError('--fy must be a Buddhist Era fiscal year such as 2570')
    if (fy > fiscalYearOf(clock.now())) throw new UsageError(`--fy ${fy} is in the future`)
    const rules = values.rules as CountingRules
    if (!COUNTING_RULES_VERSIONS.includes(rules)) {
      throw new UsageError(
        `--rules must be one of ${COUNTING_RULES_VERSIONS.join(', ')}; got "${values.rules}"`,
      )
    }
    log.info(`Recounting FY ${fy} under ${rules}…`)
    const result = await recountFiscalYear(fy, rules, 'cli', (m) => log.info(`  ${m}`))
    await recordAudit({
      actor: 'cli',
      action: 'counting.recount',
      target: `FY${fy}`,
      detail: { rules, previous: result.previousRules ?? null, result },
    })
    log.info(`FY ${fy}: ${result.months.length} months recounted under ${rules}`)
  },
}
