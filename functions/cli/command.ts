import type { ParseArgsConfig } from 'node:util'

/** Bad command-line input: printed as is, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** A CLI command: its options (node:util parseArgs), and what it does; progress goes to `log`. */
export interface Command {
  name: string
  summary: string
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  /** Whether the command needs the stores (connected before it runs). @default true */
  needsStores?: boolean
  run(
    args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] },
    log: Logger,
  ): Promise<void>
}

export interface Logger {
  info(message: string): void
  /** A progress line that rewrites itself on a terminal. */
  progress(message: string): void
}
