import { describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { seedDemo } from '../../functions/demo/seed.js'
import { recomputeMonth, runRollup } from '../../functions/jobs/rollup.js'
import { listAgencies, listDatasets } from '../../functions/store/catalog.js'
import { getPeriodCounts } from '../../functions/store/counts.js'
import { listDayEvents } from '../../functions/store/events.js'
import { bangkokDay, bangkokMonth } from '../../shared/time.js'

describe('seeding the demo through the ingest path', () => {
  it('stores the catalog and the newest days of downloads, counted like live traffic', async () => {
    const now = clock.now()
    const months: string[] = []
    const result = await seedDemo({
      now,
      days: 3,
      onMonthLoaded: async (month) => void months.push(month),
    })
    expect(result).toMatchObject({ agencies: 147, days: 3 })
    expect(result.events).toBeGreaterThan(100)
    expect(months[0]).toBe(bangkokMonth(now))
    expect(await listAgencies()).toHaveLength(147)
    expect((await listDatasets()).length).toBe(result.datasets)

    await runRollup(now)
    // Yesterday's month holds at least one whole day, even in the first minutes of a month.
    const month = bangkokMonth(now - 86_400_000)
    const counted = await getPeriodCounts({ month })
    // Enough subjects that month and fiscal-year counts take the bulk read-and-write path.
    expect(counted.agencies.size + counted.datasets.size).toBeGreaterThan(64)
    const values = [...counted.agencies.values(), ...counted.datasets.values()]
    expect(values.some((c) => c.robots > 0)).toBe(true)
    expect(values.some((c) => c.machineDownloads > 0)).toBe(true)
    expect(await recomputeMonth(month)).toEqual(counted)
  })

  it('changes nothing when seeded again (stable event ids are duplicates)', async () => {
    const now = clock.now()
    const day = bangkokDay(now - 86_400_000)
    const before = (await listDayEvents(day)).length
    await seedDemo({ now, days: 2 })
    expect((await listDayEvents(day)).length).toBe(before)
  })
})
