/** One piece of work under the queue's time limit. */
export interface Deadline {
  /** When it expires, in `Date.now()` milliseconds. */
  readonly at: number
  /** Called once if the work is still open when its time is up. */
  readonly onExpire: () => void
  open: boolean
}

/**
 * Time limits of one length, on one timer for all of them instead of one timer each: work that starts later
 * expires later, so the open work is a queue in start order and the timer only waits for its head. Starting
 * and finishing work costs an object and a few comparisons; the timer is re-armed once per expiry or once per
 * `ms` while work keeps coming. The timer holds the process open only while some work is open.
 */
export class DeadlineQueue {
  readonly #ms: number
  readonly #now: () => number
  #queue: Deadline[] = []
  #head = 0
  #open = 0
  #timer: NodeJS.Timeout | undefined

  constructor(ms: number, now: () => number = Date.now) {
    this.#ms = ms
    this.#now = now
  }

  /** Starts work that gets `ms` to finish; `onExpire` runs if it is still open then. */
  start(onExpire: () => void): Deadline {
    const deadline: Deadline = { at: this.#now() + this.#ms, onExpire, open: true }
    this.#queue.push(deadline)
    // An armed timer waits for a deadline no later than this one (an earlier start's).
    if (!this.#timer) this.#timer = setTimeout(this.#expire, this.#ms)
    else if (this.#open === 0) this.#timer.ref()
    this.#open++
    return deadline
  }

  /** The work finished (in time or not): it no longer expires. */
  finish(deadline: Deadline): void {
    if (!deadline.open) return
    deadline.open = false
    this.#close()
  }

  /** Open work, for tests. */
  get size(): number {
    return this.#open
  }

  #close(): void {
    // An idle queue keeps its armed timer, unreferenced, for the next request: no timer is made per request.
    if (--this.#open === 0) this.#timer?.unref()
    const queue = this.#queue
    while (this.#head < queue.length && !queue[this.#head]?.open) this.#head++
    if (this.#head === queue.length) {
      queue.length = 0
      this.#head = 0
    } else if (this.#head > 1024 && this.#head * 2 > queue.length) {
      this.#queue = queue.slice(this.#head)
      this.#head = 0
    }
  }

  readonly #expire = (): void => {
    this.#timer = undefined
    const now = this.#now()
    for (let next = this.#queue[this.#head]; next && next.at <= now; next = this.#queue[this.#head]) {
      if (next.open) {
        next.open = false
        this.#close()
        next.onExpire()
      } else this.#head++
    }
    const next = this.#queue[this.#head]
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (next) {
      this.#timer = setTimeout(this.#expire, Math.max(1, next.at - now))
      if (this.#open === 0) this.#timer.unref()
    }
  }
}
