import { addDays, bangkokDay, type Day } from '../../shared/time.js'
import { clock } from '../clock.js'
import { getDayArchive, putDayArchive } from '../store/archive.js'
import { listDayEvents } from '../store/events.js'

/**
 * Raw events of a day can arrive until the ingest window is over (an event may be up to 400 days old,
 * functions/ingest/record.ts): a day is archived the day after, complete, and read from the archive from then
 * on. The table keeps it until its TTL (store/events.ts: two years), so nothing is ever read from one place only.
 */
export const ARCHIVE_AFTER_DAYS = 401
/** How many days before the newest archivable one each run looks at (a missed run is caught up). */
const CATCH_UP_DAYS = 14

/** Whether a day is closed to new events and read from its archive (when it has one). */
export const isArchivable = (day: Day, now = clock.now()) =>
  day <= addDays(bangkokDay(now), -ARCHIVE_AFTER_DAYS)

/** Archives one day's raw events (one compressed object); answers how many. */
export async function archiveDay(day: Day): Promise<number> {
  const events = await listDayEvents(day)
  await putDayArchive(day, events)
  return events.length
}

/** The daily archive job: archives the closed days of the last two weeks that have no archive yet. */
export async function archiveClosedDays(now = clock.now()): Promise<{ day: Day; events: number }[]> {
  const newest = addDays(bangkokDay(now), -ARCHIVE_AFTER_DAYS)
  const archived: { day: Day; events: number }[] = []
  for (let i = CATCH_UP_DAYS - 1; i >= 0; i--) {
    const day = addDays(newest, -i)
    if ((await getDayArchive(day)) !== undefined) continue
    archived.push({ day, events: await archiveDay(day) })
  }
  return archived
}

/** A day's raw events for a recount: from its archive once the day is closed and archived, else the table. */
export async function dayEventsForRecount(day: Day) {
  return (isArchivable(day) ? await getDayArchive(day) : undefined) ?? (await listDayEvents(day))
}
