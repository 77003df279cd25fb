import { Hono } from 'hono'
import { dcatCatalog } from '../../../shared/open-data/dcat.js'
import { OPEN_DATA_CSS, openDataPage } from '../../../shared/open-data/page.js'
import { isOpenDataFile, OPEN_DATA_FILES, parseOpenPeriod } from '../../../shared/open-data/periods.js'
import { dataDictionaryCsv, openDataCsv } from '../../../shared/open-data/tables.js'
import type { AppEnv } from '../../auth/middleware.js'
import { allow } from '../../auth/policy.js'
import { config } from '../../config.js'
import { BadRequestError, NotFoundError } from '../../errors.js'
import { findPublished, listPublished, publishedDocument } from '../../read-model/open-data.js'

/**
 * Usage published as open data, without sign-in (issue #20), under `/open-data/`: the leaderboard page, the
 * DCAT catalog, each published period's CSV files and the data dictionary. Cached briefly: a restatement
 * replaces a month's files at the same URL.
 */
export const openData = new Hono<AppEnv>()

const CACHE = 'public, max-age=300'
const CSV_TYPE = 'text/csv; charset=utf-8'
const pub = allow({ access: 'public' })

/** A period from a path or query: 400 when it is neither `YYYY-MM` nor `fyNNNN`. */
function periodOf(segment: string) {
  const p = parseOpenPeriod(segment)
  if (!p)
    throw new BadRequestError(
      `The period must be a month YYYY-MM (e.g. 2026-11) or a fiscal year fyNNNN (e.g. fy2569); got "${segment}"`,
    )
  return p
}

openData.get('/open-data', pub, (c) => c.redirect('/open-data/', 301))

openData.get('/open-data/', pub, async (c) => {
  const lang = c.req.query('lang') ?? 'th'
  if (lang !== 'th' && lang !== 'en') throw new BadRequestError(`lang must be th or en; got "${lang}"`)
  const asked = c.req.query('period')
  const published = await listPublished()
  const chosen =
    asked === undefined
      ? (published.find((p) => p.period.kind === 'month') ?? published[0])
      : findPublished(published, periodOf(asked))
  const shown = chosen ? { published: chosen, doc: await publishedDocument(chosen) } : undefined
  return c.html(openDataPage({ lang, published, shown }), 200, { 'cache-control': CACHE })
})

openData.get('/open-data/style.css', pub, (c) =>
  c.body(OPEN_DATA_CSS, 200, {
    'content-type': 'text/css; charset=utf-8',
    'cache-control': 'public, max-age=86400',
  }),
)

openData.get('/open-data/catalog.jsonld', pub, async (c) => {
  const catalog = dcatCatalog(config().mail.dashboardUrl, await listPublished())
  return c.body(JSON.stringify(catalog, null, 2), 200, {
    'content-type': 'application/ld+json; charset=utf-8',
    'cache-control': CACHE,
  })
})

openData.get('/open-data/dictionary.csv', pub, (c) =>
  c.body(dataDictionaryCsv(), 200, {
    'content-type': CSV_TYPE,
    'content-disposition': 'inline; filename="ogd-rankings-dictionary.csv"',
    'cache-control': 'public, max-age=3600',
  }),
)

openData.get('/open-data/:period/:file', pub, async (c) => {
  const period = periodOf(c.req.param('period'))
  const file = c.req.param('file')
  if (!isOpenDataFile(file))
    throw new NotFoundError(`No open data file "${file}": each period has ${OPEN_DATA_FILES.join(' and ')}`)
  const published = findPublished(await listPublished(), period)
  const csv = openDataCsv(await publishedDocument(published), period, file)
  return c.body(csv, 200, {
    'content-type': CSV_TYPE,
    'content-disposition': `inline; filename="ogd-rankings-${c.req.param('period')}-${file}"`,
    'cache-control': CACHE,
    'last-modified': new Date(published.generatedAt).toUTCString(),
  })
})
