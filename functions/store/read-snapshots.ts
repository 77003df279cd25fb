import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { log } from '../log.js'
import { bucket, s3 } from './clients.js'
import { READ_MODEL_PREFIX } from './keys.js'

/**
 * Snapshots of what the read API builds its answers from (a national period's counts: 100,000 items, seconds to
 * query; one object, a tenth of a second to fetch and parse), each tagged with the version it holds. Written
 * by API processes after they read something whole, read by processes that do not hold it yet; a snapshot is
 * only ever a shortcut to the table's items (a reader checks its version and reads what changed since).
 */

/**
 * The format of what snapshots hold, in their keys: a process of a newer release never reads an older one's
 * snapshots (2: counts and datasets in columns; 3: counted orders with their counts), it reads the table and
 * leaves its own.
 */
const FORMAT = 3
const snapshotKey = (name: string) => `${READ_MODEL_PREFIX}v${FORMAT}/${name}.json.gz`

let enabled = false

/**
 * Makes this process use snapshots: the read API's processes do (their role may read and write `read-model/`;
 * `npm start` runs one). Any other process that reads through the read model — the monthly report, a job — reads
 * the table: it reads each period once, and packing and storing a snapshot of every month it reads cost a
 * national September report ~10 s (and its role may not write them).
 */
export function useReadSnapshots(on = true): void {
  enabled = on
}

/** Whether this process uses snapshots (see `useReadSnapshots`). */
export const readSnapshotsUsed = () => enabled

export interface Snapshot<T> {
  version: number
  data: T
}

/** Stores a snapshot (gzip, fast level: written on a reader's path). */
export async function putSnapshot(name: string, snapshot: Snapshot<unknown>): Promise<void> {
  const body = await promisify(gzip)(JSON.stringify(snapshot), { level: 1 })
  await s3().send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: snapshotKey(name),
      Body: body,
      ContentType: 'application/json',
      ContentEncoding: 'gzip',
    }),
  )
}

/** A stored snapshot, or undefined when there is none. */
export async function getSnapshot<T>(name: string): Promise<Snapshot<T> | undefined> {
  try {
    const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: snapshotKey(name) }))
    const body = Buffer.from((await out.Body?.transformToByteArray()) ?? [])
    return JSON.parse((await promisify(gunzip)(body)).toString('utf8')) as Snapshot<T>
  } catch (err) {
    if ((err as Error).name === 'NoSuchKey') return undefined
    throw err
  }
}

const writing = new Set<Promise<void>>()

/**
 * Stores a snapshot without making the caller wait (a reader's answer does not depend on it): a failure is
 * logged and only leaves the next process that holds nothing a longer way.
 */
export function putSnapshotLater(name: string, snapshot: Snapshot<unknown>): void {
  const write = putSnapshot(name, snapshot)
    .catch((err) => log.warn('read_model_snapshot_failed', { name, error: (err as Error).message }))
    .finally(() => writing.delete(write))
  writing.add(write)
}

/** Waits for the snapshots being written (tests, benchmarks). */
export async function settleSnapshotWrites(): Promise<void> {
  while (writing.size > 0) await Promise.all([...writing])
}
