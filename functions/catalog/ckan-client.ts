import type * as z from 'zod'
import { printable } from '../../shared/printable.js'
import { AppError } from '../errors.js'
import { describeIssues } from '../validation.js'

/** The CKAN portal failed, or is not a CKAN action API: the message names the call and what went wrong. */
export class CkanError extends AppError {
  override name = 'CkanError'
  constructor(message: string) {
    // Messages carry the portal's own words: printable, so they cannot forge log lines or drive a terminal.
    super('ckan_failed', printable(message))
  }
}

export interface CkanClientOptions {
  /** Give up on one request after this long. @default 30000 */
  timeoutMs?: number
  /** Retries of a request after a 5xx, 429, timeout or network error. @default 4 */
  retries?: number
  /** First backoff; doubled on each retry, with jitter. @default 500 */
  backoffMs?: number
  /** Called before each retry, with what failed. */
  onRetry?: (message: string, attempt: number) => void
}

/** A failure worth trying again (the portal or the network hiccuped), as opposed to a wrong answer. */
class TransientError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** `https://data.go.th/` → `https://data.go.th/api/3/action/`; also accepts a URL that already ends in `/api/3`. */
export function actionBase(ckanUrl: string): URL {
  let url: URL
  try {
    url = new URL(ckanUrl)
  } catch {
    throw new CkanError(`CKAN URL "${ckanUrl}" is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CkanError(`CKAN URL "${ckanUrl}" must start with http:// or https://`)
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api(\/3)?(\/action)?$/, '')
  return new URL(`${url.origin}${path}/api/3/action/`)
}

/** A client of one CKAN portal's action API: timeouts, retries with backoff, and validated answers. */
export class CkanClient {
  private readonly base: URL
  private readonly options: Required<Omit<CkanClientOptions, 'onRetry'>> & Pick<CkanClientOptions, 'onRetry'>

  constructor(ckanUrl: string, options: CkanClientOptions = {}) {
    this.base = actionBase(ckanUrl)
    this.options = { timeoutMs: 30_000, retries: 4, backoffMs: 500, ...options }
  }

  /** Calls `action` with query parameters and returns its `result`, validated by `schema`. */
  async call<S extends z.ZodType>(
    action: string,
    params: Record<string, string | number | boolean>,
    schema: S,
  ): Promise<z.infer<S>> {
    const url = new URL(action, this.base)
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v))
    const label = `${action}${url.search}`
    const body = await this.fetchWithRetries(url, label)
    if (typeof body !== 'object' || body === null || !('success' in body)) {
      throw new CkanError(`${label}: the answer is JSON but not a CKAN action API answer (no "success")`)
    }
    const envelope = body as { success: unknown; result?: unknown; error?: { message?: unknown } }
    if (envelope.success !== true) {
      const detail = typeof envelope.error?.message === 'string' ? `: ${envelope.error.message}` : ''
      throw new CkanError(`${label}: CKAN answered success=false${detail}`)
    }
    const parsed = schema.safeParse(envelope.result)
    if (!parsed.success) {
      throw new CkanError(`${label}: unexpected result shape (${describeIssues(parsed.error)})`)
    }
    return parsed.data
  }

  private async fetchWithRetries(url: URL, label: string): Promise<unknown> {
    const { retries, backoffMs, onRetry } = this.options
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.fetchOnce(url, label)
      } catch (err) {
        if (!(err instanceof TransientError)) throw err
        if (attempt >= retries) {
          throw new CkanError(`${label}: ${err.message} (gave up after ${attempt + 1} attempts)`)
        }
        onRetry?.(`${label}: ${err.message}`, attempt + 1)
        await sleep(backoffMs * 2 ** attempt * (0.5 + Math.random() / 2))
      }
    }
  }

  private async fetchOnce(url: URL, label: string): Promise<unknown> {
    let res: Response
    let text: string
    try {
      res = await fetch(url, {
        headers: {
          accept: 'application/json',
          'user-agent': 'ogd-rankings-catalog-sync/0.1',
        },
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'follow',
      })
      text = await res.text()
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } }
      if (e.name === 'TimeoutError') throw new TransientError(`no answer within ${this.options.timeoutMs} ms`)
      throw new TransientError(
        `could not reach the portal (${e.cause?.code ?? e.cause?.message ?? e.message})`,
      )
    }
    if (res.status >= 500 || res.status === 429) throw new TransientError(`HTTP ${res.status}`)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      const type = res.headers.get('content-type') ?? 'no content type'
      throw new CkanError(
        `${label}: not a CKAN action API (HTTP ${res.status}, ${type}, the answer is not JSON)`,
      )
    }
    // CKAN answers 400/403/404/409 with a JSON envelope (success=false); the caller reads its message.
    if (res.status >= 400 && (typeof body !== 'object' || body === null || !('success' in body))) {
      throw new CkanError(`${label}: HTTP ${res.status}`)
    }
    return body
  }
}
