import { totalOf } from '../../../shared/counting/period-counts.js'
import { isMonth } from '../../../shared/time.js'
import { recomputeMonth } from '../../jobs/rollup.js'
import { type Command, UsageError } from '../command.js'

/** `recompute --month YYYY-MM`: recount a month (and its fiscal year) from raw events. */
export const recompute: Command = {
  name: 'recompute',
  summary: 'recount a month and its fiscal year from the raw events',
  usage: 'recompute --month YYYY-MM',
  options: { month: { type: 'string' } },
  async run({ values }, log) {
    const month = values.month
    if (typeof month !== 'string' || !isMonth(month))
      throw new UsageError('--month must be YYYY-MM, e.g. 2022-11')
    log.info(`Recomputing ${month} from raw events…`)
    const counts = await recomputeMonth(month)
    const downloads = totalOf(counts.agencies)
    log.info(`${month}: ${downloads} downloads across ${counts.agencies.size} agencies (counts replaced)`)
  },
}
