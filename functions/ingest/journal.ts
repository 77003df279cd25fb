import { type FileHandle, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { StoredEvent } from '../store/events.js'

export interface JournalOptions {
  /** Where the segment files live (created if missing). */
  dir: string
  /** Stores events durably (BatchWriteItem); must be idempotent: a replayed event overwrites itself. */
  store: (events: StoredEvent[]) => Promise<void>
  /** A segment is closed and a new one started past this size. @default 4 MiB */
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
  bytes: number
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

/**
 * A write-ahead journal for single downloads (the local runtime's `GET /d/`). A download is acknowledged
 * once it is appended to a segment file and fdatasync'd (concurrent appends share one write and one sync:
 * group commit), then stored in the table in the background, in batches: when the route is quiet, or when
 * the oldest waiting download is `maxLagMs` old — so a burst of downloads is answered first and stored just
 * after, and a steady stream is stored with a bounded lag. A segment is deleted once every event in it is
 * stored; segments left by a crash are stored at the next open. Storing an event again writes the same item
 * under the same id, which changes nothing: the journal neither loses nor doubles an acknowledged download.
 */
export class DownloadJournal {
  private fh: FileHandle | undefined
  private current: Segment | undefined
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
    await journal.startSegment()
    journal.kick()
    return journal
  }

  /** Downloads acknowledged (or about to be) but not yet stored. */
  get backlog(): number {
    return this.toStore.length + this.waiting.length
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
    await this.fh?.close()
    this.fh = undefined
    const current = this.current
    if (current && current.unstored === 0) await this.forget(current)
  }

  private async recover(): Promise<void> {
    await mkdir(this.options.dir, { recursive: true })
    const names = (await readdir(this.options.dir)).filter((n) => SEGMENT.test(n)).sort()
    for (const name of names) {
      const seq = Number(SEGMENT.exec(name)?.[1])
      const segment: Segment = {
        seq,
        path: join(this.options.dir, name),
        bytes: 0,
        unstored: 0,
        closed: true,
      }
      this.segments.set(seq, segment)
      this.nextSeq = Math.max(this.nextSeq, seq + 1)
      for (const line of (await readFile(segment.path, 'utf8')).split('\n')) {
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

  private async startSegment(): Promise<void> {
    const seq = this.nextSeq++
    const path = join(this.options.dir, segmentName(seq))
    this.fh = await open(path, 'a', 0o600)
    this.current = { seq, path, bytes: 0, unstored: 0, closed: false }
    this.segments.set(seq, this.current)
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
    const segment = this.current as Segment
    const fh = this.fh as FileHandle
    try {
      const data = Buffer.from(group.map((g) => g.line).join(''))
      await fh.write(data)
      await fh.datasync()
      segment.bytes += data.length
    } catch (err) {
      // Not on disk, so not acknowledged: the download is answered with an error and nothing is counted.
      for (const g of group) g.reject(err)
      return
    }
    const at = this.now()
    segment.unstored += group.length
    for (const g of group) this.toStore.push({ event: g.event, seq: segment.seq, at })
    for (const g of group) g.resolve()
    if (segment.bytes >= (this.options.segmentBytes ?? 4 * 1024 * 1024)) {
      segment.closed = true
      await fh.close()
      await this.startSegment()
      if (segment.unstored === 0) await this.forget(segment)
    }
  }

  /** Whether storing should go on now: asked to, quiet, or the oldest waiting download is overdue. */
  private due(now: number): number {
    const first = this.toStore[0]
    if (!first) return Number.POSITIVE_INFINITY
    const quietIn = this.lastAppendAt + (this.options.quietMs ?? 20) - now
    const overdueIn = first.at + (this.options.maxLagMs ?? 2000) - now
    return Math.max(0, Math.min(quietIn, overdueIn))
  }

  private kick(now = false): void {
    if (this.draining || this.retrying) return
    if (this.toStore.length === 0) {
      this.settleIdle()
      return
    }
    const wait = now || this.idle.length > 0 ? 0 : this.due(this.now())
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
