import { Hono } from 'hono'
import type { AppEnv } from '../../auth/middleware.js'
import { signedIn } from '../../auth/policy.js'
import { readVersions } from '../../read-model/cache.js'
import { fiscalYears as fiscalYearsOf } from '../../read-model/fiscal-years.js'

/** `/v1/fiscal-years`: the current fiscal year and the recent ones with downloads (what the year picker offers). */
export const fiscalYears = new Hono<AppEnv>()

fiscalYears.get('/', signedIn(), async (c) => c.json(await fiscalYearsOf(await readVersions())))
