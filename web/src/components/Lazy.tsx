import type { FunctionComponent } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { LoadState } from './LoadState.js'

/**
 * A component whose code is a chunk of its own, loaded the first time it is shown (DGA's pages and panels: an
 * executive's first load never carries them). The module is asked for once; while it loads the page says so, and
 * a failed load (a new deployment, the network) offers to try again.
 */
export function lazy<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined
  let pending: Promise<FunctionComponent<P>> | undefined
  return function Lazy(props: P) {
    const [component, setComponent] = useState<{ C: FunctionComponent<P> } | undefined>(
      loaded && { C: loaded },
    )
    const [error, setError] = useState<Error | undefined>()
    const [attempt, setAttempt] = useState(0)
    useEffect(() => {
      if (component) return
      let unmounted = false
      pending ??= load()
      pending.then(
        (C) => {
          loaded = C
          if (!unmounted) setComponent({ C })
        },
        (err: Error) => {
          pending = undefined
          if (!unmounted) setError(err)
        },
      )
      return () => {
        unmounted = true
      }
    }, [attempt])
    if (!component)
      return (
        <LoadState
          loading={!error}
          error={error}
          retry={() => {
            setError(undefined)
            setAttempt((a) => a + 1)
          }}
        />
      )
    return <component.C {...props} />
  }
}
