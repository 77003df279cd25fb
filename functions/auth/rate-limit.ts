import { createHash } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { TooManyRequestsError } from '../errors.js'

export interface BucketOptions {
  /** Requests a client may make at once (the burst), and the most it can save up. */
  capacity: number
  /** Requests added back per second. */
  refillPerSecond: number
  /** Clients remembered at most; the longest idle are forgotten first (bounded memory under a flood). */
  maxClients?: number
}

interface Bucket {
  tokens: number
  at: number
}

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
    const elapsed = previous ? Math.max(0, now - previous.at) / 1000 : 0
    const tokens = previous ? Math.min(capacity, previous.tokens + elapsed * refillPerSecond) : capacity
    // Re-inserting keeps the Map in least-recently-used order, so the oldest is first to go.
    this.buckets.delete(key)
    if (this.buckets.size >= this.maxClients) {
      const oldest = this.buckets.keys().next().value
      if (oldest !== undefined) this.buckets.delete(oldest)
    }
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now })
      return { allowed: true }
    }
    this.buckets.set(key, { tokens, at: now })
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerSecond)) }
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
