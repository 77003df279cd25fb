/**
 * Coalesces concurrent single writes into batches without adding latency: a write goes out at once when
 * nothing is in flight; writes that arrive while a batch is in flight wait for it and then go out together
 * (up to `maxBatch` per call). Each caller's promise settles when its own item is stored, so an
 * acknowledged download is a stored download.
 */
export class WriteCoalescer<T> {
  private queue: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = []
  private inFlight = 0

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = 25,
    private readonly maxInFlight = 4,
  ) {}

  /** Stores `item` with whatever else is waiting; resolves when it is written. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      this.pump()
    })
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, this.maxBatch)
      this.inFlight++
      this.write(batch.map((b) => b.item))
        .then(
          () => {
            for (const b of batch) b.resolve()
          },
          (err) => {
            for (const b of batch) b.reject(err)
          },
        )
        .finally(() => {
          this.inFlight--
          this.pump()
        })
    }
  }
}
