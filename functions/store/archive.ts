import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import type { Day } from '../../shared/time.js'
import { bucket, s3 } from './clients.js'
import { eventAttributes, eventOf, type StoredEvent } from './events.js'

/** Prefix of the raw-event archive in the bucket (`archive/events/<yyyy>/<day>.jsonl.gz`). */
export const ARCHIVE_PREFIX = 'archive/'

const archiveKey = (day: Day) => `${ARCHIVE_PREFIX}events/${day.slice(0, 4)}/${day}.jsonl.gz`

/** Writes a day's raw events as one gzip-compressed JSON-lines object (the attributes as the table stores them). */
export async function putDayArchive(day: Day, events: readonly StoredEvent[]): Promise<void> {
  const lines = events.map((e) => JSON.stringify({ id: e.eventId, ...eventAttributes(e) })).join('\n')
  await s3().send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: archiveKey(day),
      Body: await promisify(gzip)(lines),
      ContentType: 'application/x-ndjson',
      ContentEncoding: 'gzip',
    }),
  )
}

/** A day's archived raw events, or undefined when the day has no archive. */
export async function getDayArchive(day: Day): Promise<StoredEvent[] | undefined> {
  try {
    const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: archiveKey(day) }))
    const body = Buffer.from((await out.Body?.transformToByteArray()) ?? [])
    const text = (await promisify(gunzip)(body)).toString('utf8')
    return text === '' ? [] : text.split('\n').map((line) => eventOf(day, JSON.parse(line)))
  } catch (err) {
    if ((err as Error).name === 'NoSuchKey') return undefined
    throw err
  }
}
