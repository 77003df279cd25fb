import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clock } from '../../functions/clock.js'
import { runRollup } from '../../functions/jobs/rollup.js'
import {
  cachedPeriodCounts,
  clearReadCache,
  forgetVersions,
  snapshotName,
} from '../../functions/read-model/cache.js'
import { catalog, catalogNameOrder, clearCatalogCache } from '../../functions/read-model/catalog.js'
import { datasetRanking } from '../../functions/read-model/rankings.js'
import { listDatasets, putAgencies, putDatasets } from '../../functions/store/catalog.js'
import { dynamo, table } from '../../functions/store/clients.js'
import { noteCountChanges } from '../../functions/store/count-changes.js'
import {
  addCountsExpression,
  addToPeriodCounts,
  getSubjectCounts,
  type Period,
  replacePeriodCounts,
  type Subject,
} from '../../functions/store/counts.js'
import { type StoredEvent, saveEvents } from '../../functions/store/events.js'
import { countsPartition, countsSk, PARTITIONS } from '../../functions/store/keys.js'
import {
  getSnapshot,
  putSnapshot,
  type Snapshot,
  settleSnapshotWrites,
  useReadSnapshots,
} from '../../functions/store/read-snapshots.js'
import { bumpVersions, getVersions } from '../../functions/store/versions.js'
import type { Agency, Dataset } from '../../shared/catalog.js'
import { type CountableEvent, type Counts, ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { emptyPeriodCounts, type PeriodCounts, rankCounts } from '../../shared/counting/period-counts.js'
import { addDays, bangkokDay, type Day, fiscalYearOfMonth } from '../../shared/time.js'
import { dayEvents } from '../fixtures/day-events.js'

/** Items the table answered to reads of a partition, counted on the real client's way back. */
function countItemsRead() {
  const read = new Map<string, number>()
  const name = `count-reads-${Math.random()}`
  dynamo().middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args)
      const output = (out.output ?? {}) as {
        Items?: { pk?: string }[]
        Responses?: Record<string, { pk?: string }[]>
      }
      for (const item of [...(output.Items ?? []), ...Object.values(output.Responses ?? {}).flat()]) {
        const pk = String(item.pk)
        read.set(pk, (read.get(pk) ?? 0) + 1)
      }
      return out
    },
    { step: 'initialize', name },
  )
  return {
    read,
    of: (period: Period) => read.get(countsPartition(period)) ?? 0,
    stop: () => dynamo().middlewareStack.remove(name),
  }
}

const counts = (downloads: number, agencyId: string): Counts & { agencyId: string } => ({
  ...ZERO_COUNTS,
  downloads,
  uniqueDownloads: downloads,
  agencyId,
})

/** A delta of `n` datasets (`d0`…) of one agency, each by `by` downloads. */
function delta(ids: readonly string[], by: number): PeriodCounts {
  const d = emptyPeriodCounts()
  for (const id of ids) d.datasets.set(id, counts(by, 'agency-1'))
  d.agencies.set('agency-1', counts(by * ids.length, 'agency-1'))
  return d
}

/** What a reader holding the counts of the version before now reads: the period's counts as of now. */
const cached = async (period: Period, subject: Subject) =>
  cachedPeriodCounts(await getVersions(), period, subject)

const ids = (n: number, prefix = 'd') => Array.from({ length: n }, (_, i) => `${prefix}${i}`)

let reads: ReturnType<typeof countItemsRead>
beforeEach(() => {
  // As the read API's processes do (createApiApp).
  useReadSnapshots()
  clearReadCache()
  reads = countItemsRead()
})
afterEach(() => reads.stop())

describe('the read model follows count changes item by item', () => {
  it('rereads only the items a new version changed, and answers what a whole read answers', async () => {
    const month = { month: '2019-01' }
    await addToPeriodCounts([{ period: month, delta: delta(ids(500), 2) }])
    expect((await cached(month, 'datasets')).size).toBe(500)
    expect(reads.of(month)).toBe(500)

    await addToPeriodCounts([{ period: month, delta: delta(['d3', 'd7', 'new-1'], 5) }])
    const before = reads.of(month)
    const patched = await cached(month, 'datasets')
    expect(reads.of(month) - before).toBe(3)
    expect(patched.get('d3')?.downloads).toBe(7)
    expect(patched.get('new-1')?.downloads).toBe(5)
    expect(patched).toEqual(await getSubjectCounts(month, 'datasets'))
    // The agencies' counts of the same version follow the same list.
    await cached(month, 'agencies')
    const agencies = await cached(month, 'agencies')
    expect(agencies).toEqual(await getSubjectCounts(month, 'agencies'))
  })

  it('reads a period whole when its counts were replaced, or a version has no change list', async () => {
    const month = { month: '2019-02' }
    await addToPeriodCounts([{ period: month, delta: delta(ids(200), 1) }])
    await cached(month, 'datasets')

    // A recount replaces the month: items may have gone, so nothing short of a whole read is right.
    const next = delta(ids(150), 4)
    await replacePeriodCounts(month, next)
    let before = reads.of(month)
    const replaced = await cached(month, 'datasets')
    expect(reads.of(month) - before).toBeGreaterThanOrEqual(150)
    expect(replaced.size).toBe(150)
    expect(replaced).toEqual(await getSubjectCounts(month, 'datasets'))

    // A version moved without its list (counts written before lists were kept, or the list expired).
    await bumpVersions([countsPartition(month)])
    before = reads.of(month)
    expect(await cached(month, 'datasets')).toEqual(replaced)
    expect(reads.of(month) - before).toBeGreaterThanOrEqual(150)
  })

  it('keeps the changes of a rollup killed after noting them: the next version lists both', async () => {
    const fy = { fy: 2555 }
    await addToPeriodCounts([{ period: fy, delta: delta(ids(50), 1) }])
    await cached(fy, 'datasets')
    const version = (await getVersions()).get(countsPartition(fy)) as number
    // Killed midway: its list noted and one count written, the version not moved.
    await noteCountChanges(fy, version + 1, { sks: [countsSk('datasets', 'd1')] })
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: { pk: countsPartition(fy), sk: countsSk('datasets', 'd1') },
        ...addCountsExpression(counts(9, 'agency-1')),
      }),
    )
    // The next rollup records into the same version, and moves it.
    await addToPeriodCounts([{ period: fy, delta: delta(['d2'], 9) }])
    expect((await getVersions()).get(countsPartition(fy))).toBe(version + 1)
    const read = await cached(fy, 'datasets')
    expect(read.get('d1')?.downloads).toBe(10)
    expect(read.get('d2')?.downloads).toBe(10)
    expect(read).toEqual(await getSubjectCounts(fy, 'datasets'))
  })

  it('starts a process that holds nothing from the snapshot another process left, and the changes since', async () => {
    const month = { month: '2019-03' }
    await addToPeriodCounts([{ period: month, delta: delta(ids(300), 3) }])
    await cached(month, 'datasets')
    await settleSnapshotWrites()

    // A new process: nothing cached. The snapshot is at the current version: no count item is read.
    clearReadCache()
    let before = reads.of(month)
    const fromSnapshot = await cached(month, 'datasets')
    expect(reads.of(month) - before).toBe(0)
    expect(fromSnapshot).toEqual(await getSubjectCounts(month, 'datasets'))

    // Two rollups later, another new process: the snapshot, then only what those rollups changed.
    await addToPeriodCounts([{ period: month, delta: delta(['d1', 'd2'], 1) }])
    await addToPeriodCounts([{ period: month, delta: delta(['d2', 'brand-new'], 1) }])
    clearReadCache()
    before = reads.of(month)
    const patched = await cached(month, 'datasets')
    expect(reads.of(month) - before).toBe(3)
    expect(patched.get('d2')?.downloads).toBe(5)
    expect(patched).toEqual(await getSubjectCounts(month, 'datasets'))

    // Counts replaced whole since the snapshot: it is of no use, the period is read whole.
    await replacePeriodCounts(month, delta(ids(10), 1))
    clearReadCache()
    before = reads.of(month)
    const replaced = await cached(month, 'datasets')
    expect(reads.of(month) - before).toBe(10)
    expect(replaced.size).toBe(10)
  })

  it('a process that does not use snapshots (a job: the monthly report) neither leaves one nor reads one', async () => {
    const month = { month: '2019-05' }
    await addToPeriodCounts([{ period: month, delta: delta(ids(20), 2) }])
    useReadSnapshots(false)
    await cached(month, 'datasets')
    await settleSnapshotWrites()
    expect(await getSnapshot('counts/2019-05/datasets')).toBeUndefined()

    // The API's process leaves one; a job still reads the table.
    useReadSnapshots()
    clearReadCache()
    await cached(month, 'datasets')
    await settleSnapshotWrites()
    expect((await getSnapshot('counts/2019-05/datasets'))?.version).toBeGreaterThan(0)
    useReadSnapshots(false)
    clearReadCache()
    const before = reads.of(month)
    const read = await cached(month, 'datasets')
    expect(reads.of(month) - before).toBe(20)
    expect(read).toEqual(await getSubjectCounts(month, 'datasets'))
  })

  it('answers what a whole read answers after any sequence of rollups of random events', async () => {
    const today = bangkokDay(clock.now())
    let run = 0
    const scenario = fc
      .record({ yesterday: fc.boolean(), runs: fc.integer({ min: 1, max: 4 }) })
      .chain(({ yesterday, runs }) =>
        dayEvents(`rm${run++}-`, yesterday ? addDays(today, -1) : today).chain((events) =>
          fc.record({
            day: fc.constant(yesterday ? addDays(today, -1) : today),
            events: fc.constant(events),
            batchOf: fc.array(fc.integer({ min: 0, max: runs - 1 }), {
              minLength: events.length,
              maxLength: events.length,
            }),
          }),
        ),
      )
    const stored = (day: Day, e: CountableEvent): StoredEvent => ({
      ...e,
      day,
      userAgent: e.userAgent ?? '',
      receivedAt: clock.now(),
    })
    await fc.assert(
      fc.asyncProperty(scenario, async ({ day, events, batchOf }) => {
        const periods: Period[] = [{ month: day.slice(0, 7) }, { fy: fiscalYearOfMonth(day.slice(0, 7)) }]
        for (let r = 0; r <= Math.max(...batchOf); r++) {
          await saveEvents(events.filter((_, i) => batchOf[i] === r).map((e) => stored(day, e)))
          expect(await runRollup()).toBeDefined()
          for (const period of periods) {
            for (const subject of ['agencies', 'datasets'] as const) {
              expect(await cached(period, subject)).toEqual(await getSubjectCounts(period, subject))
            }
          }
        }
      }),
      { numRuns: 10 },
    )
  })
})

describe('the catalog as the read model holds it', () => {
  const agency = (i: number): Agency => ({
    agencyId: `cat-agency-${i}`,
    slug: `cat-agency-${i}`,
    name: { th: `หน่วยงาน ${['ข', 'ก', 'ค'][i % 3]} ${i}`, en: `Agency ${i}` },
    group: 'ministry',
    active: true,
  })
  const dataset = (i: number): Dataset => ({
    datasetId: `cat-dataset-${i}`,
    agencyId: `cat-agency-${i % 3}`,
    slug: `cat-dataset-${i}`,
    title: { th: `ชุดข้อมูล ${['ฮ', 'ก', 'ม'][i % 3]} ${i}`, en: `Dataset ${i}` },
    active: true,
    resourceIds: [],
  })
  const catalogReads = (read: Map<string, number>) => read.get(PARTITIONS.catalogDatasets) ?? 0

  it('is read again only after it changed, and a new process starts from its snapshot', async () => {
    await putAgencies([0, 1, 2].map(agency))
    await putDatasets(Array.from({ length: 40 }, (_, i) => dataset(i)))
    clearCatalogCache()
    forgetVersions()
    const first = await catalog()
    expect(first.datasets.get('cat-dataset-7')?.title.th).toBe('ชุดข้อมูล ก 7')
    const orders = {
      agencies: catalogNameOrder(first, 'agencies'),
      datasets: catalogNameOrder(first, 'datasets'),
    }
    await settleSnapshotWrites()

    // Unchanged: the same copy, nothing read.
    const datasetReads = countItemsRead()
    forgetVersions()
    expect(await catalog()).toBe(first)
    expect(catalogReads(datasetReads.read)).toBe(0)

    // A new process: the snapshot of the current version, not the table's 40 items; the same names' order.
    clearCatalogCache()
    const fromSnapshot = await catalog()
    expect(catalogReads(datasetReads.read)).toBe(0)
    expect(fromSnapshot.fingerprint).toBe(first.fingerprint)
    expect([...fromSnapshot.datasets.values()]).toEqual([...first.datasets.values()])
    for (const subject of ['agencies', 'datasets'] as const) {
      const fromItsSnapshot = catalogNameOrder(fromSnapshot, subject)
      expect(new Map(fromItsSnapshot.position)).toEqual(orders[subject].position)
      expect(fromItsSnapshot.sorted).toEqual(orders[subject].sorted)
    }

    // Changed: its version moved; the copy held is answered while the new one loads, then the new one.
    await putDatasets([{ ...dataset(7), title: { th: 'ชุดข้อมูลใหม่', en: 'New' } }])
    forgetVersions()
    await vi.waitFor(async () => {
      forgetVersions()
      expect((await catalog()).datasets.get('cat-dataset-7')?.title.th).toBe('ชุดข้อมูลใหม่')
    })
    expect(catalogReads(datasetReads.read)).toBeGreaterThanOrEqual(40)
    datasetReads.stop()
  })
})

describe('the counted order of a period, kept up to date rather than sorted again', () => {
  const titles = ['ฮ', 'ก', 'ม', 'ก']
  const dataset = (i: number): Dataset => ({
    datasetId: `ord-dataset-${i}`,
    agencyId: 'ord-agency',
    slug: `ord-dataset-${i}`,
    // Equal titles among them: equals ordered by name, then id.
    title: { th: `ชุดข้อมูล ${titles[i % titles.length]}`, en: `Dataset ${i}` },
    active: i % 7 !== 3,
    resourceIds: [],
  })
  const now = Date.UTC(2019, 8, 15)
  const ranking = async (month: { month: string }) =>
    (await datasetRanking(month, {}, now)).items.map((i) => [i.datasetId, i.rank, i.downloads])
  /** The ranking a whole sort of the table's counts gives (every active dataset, then the others with counts). */
  const whole = async (month: { month: string }) => {
    const [datasets, counted] = await Promise.all([listDatasets(), getSubjectCounts(month, 'datasets')])
    const title = new Map(datasets.map((d) => [d.datasetId, d.title.th]))
    const active = datasets.filter((d) => d.active).map((d) => d.datasetId)
    const ids = [...active, ...[...counted.keys()].filter((id) => !active.includes(id))]
    return rankCounts(ids, counted, (id) => title.get(id) ?? id).map((r) => [
      r.id,
      r.rank,
      r.counts.downloads,
    ])
  }
  const rollup = (month: { month: string }, changes: Record<number, number>) => {
    const d = emptyPeriodCounts()
    for (const [i, by] of Object.entries(changes))
      d.datasets.set(`ord-dataset-${i}`, counts(by, 'ord-agency'))
    d.datasets.set('ord-unlisted', counts(1, 'ord-agency'))
    return addToPeriodCounts([{ period: month, delta: d }])
  }

  it('after rollups, in the process that held it and in a new one from its snapshot, is the whole sort', async () => {
    const month = { month: '2019-07' }
    await putDatasets(Array.from({ length: 30 }, (_, i) => dataset(i)))
    clearCatalogCache()
    forgetVersions()
    await rollup(month, { 1: 5, 2: 5, 4: 3, 8: 1, 9: 1, 12: 2 })
    expect(await ranking(month)).toEqual(await whole(month))
    await settleSnapshotWrites()
    expect((await getSnapshot(snapshotName('order', month, 'datasets')))?.version).toBeGreaterThan(0)

    // Rollups move some datasets up, past others and into ties; the order held is brought up to date.
    const rollups: Record<number, number>[] = [{ 8: 4, 20: 5 }, { 1: 1, 3: 2, 25: 6 }, { 9: 9 }]
    for (const changes of rollups) {
      await rollup(month, changes)
      forgetVersions()
      expect(await ranking(month)).toEqual(await whole(month))
    }
    // A new process: the order's snapshot (left by the first read), and what the rollups since changed.
    clearReadCache()
    clearCatalogCache()
    expect(await ranking(month)).toEqual(await whole(month))
  })

  it('a new process takes the order from its snapshot instead of sorting the period again', async () => {
    const month = { month: '2019-08' }
    await putDatasets(Array.from({ length: 30 }, (_, i) => dataset(i)))
    clearCatalogCache()
    forgetVersions()
    await rollup(month, { 1: 5, 2: 5 })
    const sorted = await ranking(month)
    await settleSnapshotWrites()
    const name = snapshotName('order', month, 'datasets')
    type Order = { fingerprint: string; at: (number | string)[] }
    const snapshot = (await getSnapshot<Order>(name)) as Snapshot<Order>
    // Its two first entries (equal downloads) swapped: a process that reads the snapshot ranks them so.
    const [a, b, ...rest] = snapshot.data.at
    await putSnapshot(name, { ...snapshot, data: { ...snapshot.data, at: [b, a, ...rest] } })
    clearReadCache()
    clearCatalogCache()
    const fromSnapshot = await ranking(month)
    const [first, second, ...others] = sorted
    expect(first?.[1]).toBe(1)
    expect(second?.[1]).toBe(1)
    expect(fromSnapshot).toEqual([second, first, ...others])
  })
})
