import { createHash, timingSafeEqual } from 'node:crypto'

const sha256 = (text: string) => createHash('sha256').update(text).digest()

/** The hex SHA-256 of an ingest key: what a deployment configures in INGEST_API_KEY_HASHES. */
export const ingestKeyHash = (key: string) => sha256(key).toString('hex')

/**
 * Ingest keys are held only as SHA-256 hashes and compared in constant time; several may be active at
 * once so a key can be rotated without downtime. Keys come as plain keys (local use) or as hashes only.
 */
export class IngestKeyring {
  private readonly hashes: Buffer[]
  constructor(keys: readonly string[], hexHashes: readonly string[] = []) {
    this.hashes = [...keys.map(sha256), ...hexHashes.map((h) => Buffer.from(h, 'hex'))].filter(
      (h) => h.length === 32,
    )
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
  /** A short, non-reversible name of the key that matched, for per-key rate limits and logs. */
  static fingerprint(key: string): string {
    return ingestKeyHash(key).slice(0, 12)
  }
}
