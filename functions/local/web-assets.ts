import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const WEB_ROOT = resolve(import.meta.dirname, '../../web')
export const WEB_DIST = join(WEB_ROOT, 'dist')

function newestMtime(path: string): number {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

/** Builds the dashboard with Vite when there is no build or a source file is newer than it. */
export async function buildWebIfNeeded(log: (msg: string) => void = () => {}): Promise<void> {
  const index = join(WEB_DIST, 'index.html')
  const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => join(WEB_ROOT, p)).filter(existsSync)
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return
  log('Building the dashboard (vite build)…')
  const { build } = await import('vite')
  await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' })
}
