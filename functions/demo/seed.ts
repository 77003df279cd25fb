import type { Day, Month } from '../../shared/time.js'
import { clock } from '../clock.js'
import { type OnRecorded, recordDownloads } from '../ingest/record.js'
import { putAgencies, putDatasets, putResources } from '../store/catalog.js'
import { buildDemoCatalog } from './catalog.js'
import { buildTrafficModel, demoDays, demoEventsOfDay } from './traffic.js'

export { buildDemoCatalog } from './catalog.js'

export interface SeedProgress {
  day: Day
  daysDone: number
  days: number
  events: number
}

/**
 * Fills the store with the demo catalog, then 13 months of downloads through the real ingest path, newest
 * day first (so the current month can be browsed within seconds while older months load). Each day goes in
 * one ingest call, so its events share the day's client salt as live traffic does.
 */
export async function seedDemo(
  options: {
    now?: number
    /** Load only the newest this many days (tests). @default 13 months */
    days?: number
    onProgress?: (p: SeedProgress) => void
    /** Called (and awaited) when a month's days are all loaded, newest month first. */
    onMonthLoaded?: (month: Month, events: number) => Promise<void>
    /** Stops between days (shutdown); loading again later resumes, as stored events are skipped. */
    signal?: AbortSignal
    /** Told the days that received events (the local runtime's rollup schedule). */
    onRecorded?: OnRecorded
  } = {},
) {
  const now = options.now ?? clock.now()
  const catalog = buildDemoCatalog()
  await putResources(catalog.resources)
  await putDatasets(catalog.datasets)
  await putAgencies(catalog.agencies)

  const model = buildTrafficModel(catalog)
  const days = demoDays(now).slice(0, options.days)
  let events = 0
  for (const [i, day] of days.entries()) {
    if (options.signal?.aborted) break
    const batch = demoEventsOfDay(model, day, now, 1 - i / days.length)
    const result = await recordDownloads(batch, { ip: '127.0.0.1', userAgent: '' }, now, {
      idsUniquePerDay: true,
      onRecorded: options.onRecorded,
    })
    if (result.rejected.length > 0) {
      throw new Error(`demo events were rejected: ${result.rejected[0]?.error} (day ${day})`)
    }
    events += batch.length
    options.onProgress?.({ day, daysDone: i + 1, days: days.length, events })
    const next = days[i + 1]
    if (!next || next.slice(0, 7) !== day.slice(0, 7)) await options.onMonthLoaded?.(day.slice(0, 7), events)
  }
  return {
    agencies: catalog.agencies.length,
    datasets: catalog.datasets.length,
    resources: catalog.resources.length,
    days: days.length,
    events,
  }
}
