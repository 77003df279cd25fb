import { createHash } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { TooManyRequestsError } from '../errors.js'

export interface BucketOptions {
  /** Requests a client may make at once (the burst), and the most it can save up. */
  capacity: number
  /** Requests added back per second. */
  refillPerSecond: number
  /** Clients remembered at most (bounded memory under a flood); those over their limit are never forgotten. */
  maxClients?: number
}

interface Bucket {
  tokens: number
  at: number
}

/** How many of the longest idle clients are looked at to make room for a new one (bounded work per request). */
const SCAN_LIMIT = 64

/** In-process token buckets, one per client key. Pure apart from the clock it is given. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>()
  private readonly maxClients: number
  constructor(private readonly options: BucketOptions) {
    this.maxClients = options.maxClients ?? 10_000
  }

  /** Takes one token for `key` at `now` (ms): allowed, or the whole seconds until one is back. */
  take(key: string, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const { capacity, refillPerSecond } = this.options
    const previous = this.buckets.get(key)
    const tokens = previous ? this.tokensAt(previous, now) : capacity
    // Re-inserting keeps the Map in least-recently-used order, so the longest idle come first.
    this.buckets.delete(key)
    if (!previous && this.buckets.size >= this.maxClients && !this.forgetOne(now)) {
      // Every remembered client is over its limit: a newcomer waits rather than one of them being freed.
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(1 / refillPerSecond)) }
    }
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now })
      return { allowed: true }
    }
    this.buckets.set(key, { tokens, at: now })
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerSecond)) }
  }

  private tokensAt(bucket: Bucket, now: number): number {
    const elapsed = Math.max(0, now - bucket.at) / 1000
    return Math.min(this.options.capacity, bucket.tokens + elapsed * this.options.refillPerSecond)
  }

  /**
   * Makes room for one client, never by freeing one that is over its limit (a flood of new keys or addresses
   * must not reset it): among the longest idle, a client whose bucket has refilled (forgetting it changes
   * nothing) goes first, else one that still has a token. False when the longest idle are all limited.
   */
  private forgetOne(now: number): boolean {
    let spare: string | undefined
    let looked = 0
    for (const [key, bucket] of this.buckets) {
      const tokens = this.tokensAt(bucket, now)
      if (tokens >= this.options.capacity) return this.buckets.delete(key)
      if (spare === undefined && tokens >= 1) spare = key
      if (++looked >= SCAN_LIMIT) break
    }
    return spare !== undefined && this.buckets.delete(spare)
  }

  get clients() {
    return this.buckets.size
  }
}

export interface RateLimitOptions {
  /** The budget, read at the first request (so configuration is read once, after it is set). */
  budget: () => BucketOptions
  /** Who the client is; hashed before it is kept, so no raw IP sits in memory longer than the request. */
  clientKey: (c: Context) => string
  now?: () => number
}

/** 429 with Retry-After once a client has spent its budget. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  let buckets: TokenBuckets | undefined
  const now = options.now ?? Date.now
  return async (c, next) => {
    buckets ??= new TokenBuckets(options.budget())
    const key = createHash('sha256').update(options.clientKey(c)).digest('base64url').slice(0, 16)
    const result = buckets.take(key, now())
    if (!result.allowed) throw new TooManyRequestsError(result.retryAfterSeconds)
    await next()
  }
}

/** A budget of so many requests per minute, all of which may come at once. */
export const perMinute = (requests: number): BucketOptions => ({
  capacity: requests,
  refillPerSecond: requests / 60,
})
