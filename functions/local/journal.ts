import { type FileHandle, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { StoredEvent } from '../store/events.js'

export interface JournalOptions {
  /** Where the segment files live (created if missing). */
  dir: string
  /** Stores events durably (BatchWriteItem); must be idempotent: a replayed event overwrites itself. */
  store: (events: StoredEvent[]) => Promise<void>
  /** The size segments are made with (zero-filled ahead of use); a full one is closed for the next. @default 4 MiB */
  segmentBytes?: number
  /** Events handed to `store` at a time. @default 100 */
  drainBatch?: number
  /** Storing starts once no download has arrived for this long… @default 20 ms */
  quietMs?: number
  /** …or once the oldest unstored download has waited this long, however busy the route is. @default 2 s */
  maxLagMs?: number
  /** Told when storing fails (the events stay journaled and are retried). */
  onError?: (err: unknown) => void
  now?: () => number
}

interface Segment {
  seq: number
  path: string
  /** Open while it is written to (the current segment, and the next one made ready). */
  fh?: FileHandle
  /** Where the next append goes; the rest of the file is zeros. */
  offset: number
  size: number
  /** Journaled events of this segment not yet stored. */
  unstored: number
  closed: boolean
}

interface Waiting {
  line: string
  event: StoredEvent
  resolve: () => void
  reject: (err: unknown) => void
}

const SEGMENT = /^downloads-(\d{12})\.ndjson$/
const segmentName = (seq: number) => `downloads-${String(seq).padStart(12, '0')}.ndjson`
const ZEROS = Buffer.alloc(1024 * 1024)

/** Makes a directory entry durable (a new segment must survive a crash as surely as its contents). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } catch {
    // Not every platform can sync a directory; the segment's own sync still holds its contents.
  } finally {
    await handle.close()
  }
}

/**
 * A write-ahead journal for single downloads (the local runtime's `GET /d/`). A download is acknowledged
 * once it is written to a segment file and fdatasync'd (concurrent appends share one write and one sync:
 * group commit). Segments are zero-filled and synced before use, the next one ahead of time, so an append
 * never changes a file's size and its sync flushes only its own pages, never a file-system journal commit
 * that waits for other files' writes (as write-ahead logs of databases do). Events are then stored in the
 * table in the background, in batches: when the route is quiet, or when the oldest waiting download is
 * `maxLagMs` old — so a burst of downloads is answered first and stored just after, and a steady stream is
 * stored with a bounded lag. A segment is deleted once every event in it is
 * stored; segments left by a crash are stored at the next open. Storing an event again writes the same item
 * under the same id, which changes nothing: the journal neither loses nor doubles an acknowledged download.
 */
export class DownloadJournal {
  private current: Segment | undefined
  private next: Promise<Segment> | undefined
  private readonly segments = new Map<number, Segment>()
  private nextSeq = 1
  private waiting: Waiting[] = []
  private writing: Promise<void> | undefined
  private readonly toStore: { event: StoredEvent; seq: number; at: number }[] = []
  private draining: Promise<void> | undefined
  private timer: NodeJS.Timeout | undefined
  private retrying = false
  private backoffMs = 0
  private lastAppendAt = 0
  private idle: (() => void)[] = []
  private closing = false
  private readonly now: () => number

  private constructor(private readonly options: JournalOptions) {
    this.now = options.now ?? Date.now
  }

  /** Opens the journal in `dir`, queueing what earlier runs left unstored for storing first. */
  static async open(options: JournalOptions): Promise<DownloadJournal> {
    const journal = new DownloadJournal(options)
    await journal.recover()
    journal.current = await journal.makeSegment()
    journal.prepareNext()
    journal.kick()
    return journal
  }

  /** Downloads acknowledged (or about to be) but not yet stored. */
  get backlog(): number {
    return this.toStore.length + this.waiting.length
  }

  /** When the oldest download journaled (or being journaled) and not yet stored was received. */
  get oldestUnstoredAt(): number | undefined {
    return (this.toStore[0] ?? this.waiting[0])?.event.receivedAt
  }

  /** Appends `event`; resolves once it is on disk (the download may then be answered). */
  append(event: StoredEvent): Promise<void> {
    if (this.closing) return Promise.reject(new Error('The download journal is closed'))
    this.lastAppendAt = this.now()
    return new Promise((resolve, reject) => {
      this.waiting.push({ line: `${JSON.stringify(event)}\n`, event, resolve, reject })
      this.writing ??= this.writeLoop()
    })
  }

  /** Stores everything appended so far now (not waiting for a quiet moment); resolves when it is stored. */
  async drained(): Promise<void> {
    while (this.writing) await this.writing
    if (this.toStore.length === 0 && !this.draining) return
    const done = new Promise<void>((resolve) => this.idle.push(resolve))
    this.kick(true)
    await done
  }

  /**
   * Refuses new appends, stores what is journaled (waiting at most `timeoutMs` for a failing store: what is
   * left stays in its segment and is stored at the next open), and closes the file.
   */
  async close(timeoutMs = 10_000): Promise<void> {
    this.closing = true
    let timeout: NodeJS.Timeout | undefined
    await Promise.race([this.drained(), new Promise((r) => (timeout = setTimeout(r, timeoutMs)))])
    clearTimeout(timeout)
    clearTimeout(this.timer)
    await this.draining
    const next = await this.next?.catch(() => undefined)
    for (const segment of [this.current, next]) {
      if (!segment) continue
      await segment.fh?.close()
      segment.fh = undefined
      if (segment.unstored === 0) await this.forget(segment)
    }
  }

  private async recover(): Promise<void> {
    await mkdir(this.options.dir, { recursive: true })
    const names = (await readdir(this.options.dir)).filter((n) => SEGMENT.test(n)).sort()
    for (const name of names) {
      const seq = Number(SEGMENT.exec(name)?.[1])
      const segment: Segment = {
        seq,
        path: join(this.options.dir, name),
        offset: 0,
        size: 0,
        unstored: 0,
        closed: true,
      }
      this.segments.set(seq, segment)
      this.nextSeq = Math.max(this.nextSeq, seq + 1)
      // What was written ends where the zeros of the preallocated rest begin.
      const text = await readFile(segment.path, 'utf8')
      const end = text.indexOf('\0')
      for (const line of (end === -1 ? text : text.slice(0, end)).split('\n')) {
        if (!line) continue
        let event: StoredEvent
        try {
          event = JSON.parse(line) as StoredEvent
        } catch {
          // A torn last line is a write whose sync never completed: it was never acknowledged.
          continue
        }
        segment.unstored++
        this.toStore.push({ event, seq, at: 0 })
      }
      if (segment.unstored === 0) await this.forget(segment)
    }
  }

  /** Starts making the segment after the current one; a failure shows when it is needed, failing that group. */
  private prepareNext(): void {
    this.next = this.makeSegment()
    this.next.catch(() => undefined)
  }

  /** A new segment, zero-filled to its size and synced, its directory entry too. */
  private async makeSegment(): Promise<Segment> {
    const seq = this.nextSeq++
    const path = join(this.options.dir, segmentName(seq))
    const size = this.options.segmentBytes ?? 4 * 1024 * 1024
    const fh = await open(path, 'wx', 0o600)
    for (let at = 0; at < size; at += ZEROS.length) {
      await fh.write(ZEROS, 0, Math.min(ZEROS.length, size - at), at)
    }
    await fh.sync()
    await syncDirectory(this.options.dir)
    const segment: Segment = { seq, path, fh, offset: 0, size, unstored: 0, closed: false }
    this.segments.set(seq, segment)
    return segment
  }

  /** Group commit: whatever is waiting goes out in one write and one fdatasync, until nothing waits. */
  private async writeLoop(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting
        this.waiting = []
        await this.commit(group)
      }
    } finally {
      this.writing = undefined
    }
    this.kick()
  }

  private async commit(group: Waiting[]): Promise<void> {
    const data = Buffer.from(group.map((g) => g.line).join(''))
    let segment = this.current as Segment
    try {
      if (segment.offset > 0 && segment.offset + data.length > segment.size)
        segment = await this.nextSegment()
      // A group larger than a whole segment (thousands of downloads in one sync) grows the file: rare, fine.
      for (let done = 0; done < data.length; ) {
        const { bytesWritten } = await (segment.fh as FileHandle).write(
          data,
          done,
          data.length - done,
          segment.offset + done,
        )
        done += bytesWritten
      }
      await (segment.fh as FileHandle).datasync()
    } catch (err) {
      // Not on disk, so not acknowledged: the download is answered with an error and nothing is counted.
      for (const g of group) g.reject(err)
      return
    }
    segment.offset += data.length
    const at = this.now()
    segment.unstored += group.length
    for (const g of group) this.toStore.push({ event: g.event, seq: segment.seq, at })
    for (const g of group) g.resolve()
  }

  /** Closes the full current segment and moves to the one made ready, making the one after it. */
  private async nextSegment(): Promise<Segment> {
    const full = this.current as Segment
    let next: Segment
    try {
      next = await (this.next as Promise<Segment>)
    } catch (err) {
      this.prepareNext() // try again for the next group (the disk may have room by then)
      throw err
    }
    this.current = next
    this.prepareNext()
    full.closed = true
    await full.fh?.close()
    full.fh = undefined
    if (full.unstored === 0) await this.forget(full)
    return next
  }

  /** How long until storing is due: 0 once the route is quiet or the oldest waiting download is overdue. */
  private due(now: number): number {
    const first = this.toStore[0]
    if (!first) return Number.POSITIVE_INFINITY
    const quietIn = this.lastAppendAt + (this.options.quietMs ?? 20) - now
    const overdueIn = first.at + (this.options.maxLagMs ?? 2000) - now
    return Math.max(0, Math.min(quietIn, overdueIn))
  }

  /** Starts storing when it is due (at once when `immediately`, or when someone waits for `drained`). */
  private kick(immediately = false): void {
    if (this.draining || this.retrying) return
    if (this.toStore.length === 0) {
      this.settleIdle()
      return
    }
    const wait = immediately || this.idle.length > 0 ? 0 : this.due(this.now())
    if (wait > 0) {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => this.kick(), wait)
      return
    }
    clearTimeout(this.timer)
    this.draining = this.drainLoop().finally(() => {
      this.draining = undefined
      this.kick()
    })
  }

  private async drainLoop(): Promise<void> {
    while (this.toStore.length > 0 && (this.idle.length > 0 || this.due(this.now()) === 0)) {
      const batch = this.toStore.slice(0, this.options.drainBatch ?? 100)
      try {
        await this.options.store(batch.map((b) => b.event))
      } catch (err) {
        this.options.onError?.(err)
        // Backing off keeps a store outage from spinning; the events stay first in line.
        this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 100), 5000)
        this.retrying = true
        this.timer = setTimeout(() => {
          this.retrying = false
          this.kick(true)
        }, this.backoffMs)
        return
      }
      this.backoffMs = 0
      this.toStore.splice(0, batch.length)
      for (const { seq } of batch) {
        const segment = this.segments.get(seq) as Segment
        segment.unstored--
        if (segment.closed && segment.unstored === 0) await this.forget(segment)
      }
    }
  }

  private async forget(segment: Segment): Promise<void> {
    this.segments.delete(segment.seq)
    await unlink(segment.path).catch(() => undefined)
  }

  private settleIdle(): void {
    const idle = this.idle
    this.idle = []
    for (const resolve of idle) resolve()
  }
}
