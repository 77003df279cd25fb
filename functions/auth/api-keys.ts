import { createHash, timingSafeEqual } from 'node:crypto'

const sha256 = (text: string) => createHash('sha256').update(text).digest()

/**
 * Ingest keys are held only as SHA-256 hashes and compared in constant time; several may be active at
 * once so a key can be rotated without downtime.
 */
export class IngestKeyring {
  private readonly hashes: Buffer[]
  constructor(keys: readonly string[]) {
    this.hashes = keys.map(sha256)
  }
  get size() {
    return this.hashes.length
  }
  /** Whether `key` is one of the active keys. */
  verify(key: string | undefined): boolean {
    if (!key) return false
    const candidate = sha256(key)
    let ok = false
    for (const h of this.hashes) ok = timingSafeEqual(h, candidate) || ok
    return ok
  }
}
