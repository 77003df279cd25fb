import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { importLogFile } from '../../functions/import/import-logs.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import { getPeriodCounts } from '../../functions/store/counts.js'
import { addDays, bangkokDay } from '../../shared/time.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'

let dir: string
const day = addDays(bangkokDay(clock.now()), -3)
const [y, m, d] = day.split('-')
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
  Number(m) - 1
]
const at = (hh: string, mi: string, ss: string) => `${d}/${MON}/${y}:${hh}:${mi}:${ss} +0700`
const get = (rid: string) => `/dataset/ds/resource/${rid}/download/file.csv`
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120'

const lines = [
  `203.0.113.1 - - [${at('10', '00', '00')}] "GET ${get('resource-1-1')} HTTP/1.1" 200 100 "-" "${UA}"`,
  `203.0.113.1 - - [${at('10', '00', '10')}] "GET ${get('resource-1-1')} HTTP/1.1" 200 100 "-" "${UA}"`, // double click
  `203.0.113.2 - - [${at('11', '00', '00')}] "GET ${get('resource-2-1')} HTTP/1.1" 200 100 "-" "curl/8.4.0"`,
  `203.0.113.3 - - [${at('12', '00', '00')}] "GET ${get('resource-2-1')} HTTP/1.1" 200 100 "-" "Googlebot/2.1"`,
  `203.0.113.4 - - [${at('12', '30', '00')}] "GET ${get('unknown-resource')} HTTP/1.1" 200 100 "-" "${UA}"`,
  'garbage that is not a log line',
  `203.0.113.5 - - [${at('13', '00', '00')}] "GET /dataset/ds HTTP/1.1" 200 100 "-" "${UA}"`,
]

beforeAll(async () => {
  await storeCatalog(buildCatalog(2, 1))
  dir = await mkdtemp(join(tmpdir(), 'ogd-logs-'))
  await writeFile(join(dir, 'access.log'), `${lines.join('\n')}\n`)
  await writeFile(join(dir, 'access.log.gz'), gzipSync(`${lines.join('\n')}\n`))
})

describe('importing web server logs', () => {
  it('records downloads, reports unreadable lines by number and rejected downloads, never fails', async () => {
    const progress: number[] = []
    const result = await importLogFile(join(dir, 'access.log'), 'nginx', (f) => progress.push(f))
    expect(result).toMatchObject({ lines: 7, downloads: 5, accepted: 4, duplicates: 0 })
    expect(result.invalid).toEqual({
      count: 1,
      examples: [{ line: 6, reason: 'not in the combined log format' }],
    })
    expect(Object.values(result.rejected)).toEqual([1])
    expect(progress.at(-1)).toBe(1)

    await runRollup()
    const counts = await getPeriodCounts({ day })
    expect(counts.agencies.get('agency-1')).toMatchObject({ downloads: 1, doubleClicks: 1 })
    expect(counts.agencies.get('agency-2')).toMatchObject({ downloads: 1, machineDownloads: 1, robots: 1 })
  })

  it('changes nothing when the same log is imported again, even gzipped', async () => {
    const again = await importLogFile(join(dir, 'access.log.gz'), 'nginx')
    expect(again).toMatchObject({ downloads: 5, accepted: 0, duplicates: 4 })
    await runRollup()
    expect((await getPeriodCounts({ day })).agencies.get('agency-1')).toMatchObject({
      downloads: 1,
      doubleClicks: 1,
    })
  })
})
