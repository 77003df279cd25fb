import { useEffect, useState } from 'preact/hooks'

/** What a page knows of one request: loading, its answer, or its error. */
export interface ApiState<T> {
  data?: T
  error?: Error
  loading: boolean
}

/**
 * Runs `load` whenever `deps` change and keeps only the latest answer: a slow answer for a fiscal year the
 * reader has already left never overwrites the one they chose.
 */
export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ loading: true })
  useEffect(() => {
    let current = true
    setState({ loading: true })
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: Error) => current && setState({ error, loading: false }),
    )
    return () => {
      current = false
    }
  }, deps)
  return state
}
