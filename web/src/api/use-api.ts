import { useEffect, useState } from 'preact/hooks'
import { retryDelay } from './retry.js'

/** What a page knows of one request: loading, its answer, or its error (and how to ask again). */
export interface ApiState<T> {
  data?: T
  error?: Error
  loading: boolean
  /** Reads again (the "try again" button of a failed read). */
  retry?: () => void
}

/**
 * Runs `load` whenever `deps` change and keeps only the latest answer: a slow answer for a fiscal year the
 * reader has already left never overwrites the one they chose. A read that failed for a passing reason (the
 * network, a busy server) is retried by itself a few times before the page shows the error, so a page never
 * stays on its generic heading because one request met a busy moment.
 */
export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ loading: true })
  const [round, setRound] = useState(0)
  useEffect(() => {
    let current = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const retry = () => setRound((r) => r + 1)
    const attempt = (n: number) =>
      load().then(
        (data) => current && setState({ data, loading: false }),
        (error: Error) => {
          if (!current) return
          const delay = retryDelay(error, n)
          if (delay === undefined) setState({ error, loading: false, retry })
          else timer = setTimeout(() => void attempt(n + 1), delay)
        },
      )
    setState({ loading: true })
    void attempt(0)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [...deps, round])
  return state
}
