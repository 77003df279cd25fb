import { fileURLToPath } from 'node:url'

/** The repository root: entries, the lock file and the dashboard build are found from here, not the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))

/** An absolute path from a path relative to the repository root. */
export const fromRoot = (relative: string): string =>
  fileURLToPath(new URL(`../${relative}`, import.meta.url))
