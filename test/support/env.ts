import { resetConfig } from '../../functions/config.js'

/**
 * Sets environment variables for a test (an empty value unsets one) and reads the configuration again; answers
 * what puts the environment back as it was.
 */
export function setEnv(env: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    resetConfig()
  }
  apply(env)
  return () => apply(saved)
}

/** Runs `work` with the environment changed for its duration. */
export async function withEnv<T>(
  env: Record<string, string | undefined>,
  work: () => Promise<T>,
): Promise<T> {
  const restore = setEnv(env)
  try {
    return await work()
  } finally {
    restore()
  }
}
