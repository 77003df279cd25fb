import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

/**
 * Sarabun, the Thai government's typeface, from the WOFF files the dashboard already serves
 * (`@fontsource/sarabun`). They come as subsets: one holds the Thai script, another Latin letters, digits and
 * punctuation, so text is set in runs (see `scriptRuns`). In a Lambda bundle the files sit in `fonts/` beside
 * the bundle (copied at bundling, cdk/constructs/function.ts); elsewhere they are read from the package.
 */
export type FontFace = 'thai' | 'latin' | 'thaiBold' | 'latinBold'

const FILES: Record<FontFace, string> = {
  thai: 'sarabun-thai-400-normal.woff',
  latin: 'sarabun-latin-400-normal.woff',
  thaiBold: 'sarabun-thai-700-normal.woff',
  latinBold: 'sarabun-latin-700-normal.woff',
}

/** The font files the PDF renderer needs, for bundling. */
export const FONT_FILES = Object.values(FILES)

let cache: Record<FontFace, Buffer> | undefined

function read(file: string): Buffer {
  const bundled = fileURLToPath(new URL(`./fonts/${file}`, import.meta.url))
  if (existsSync(bundled)) return readFileSync(bundled)
  return readFileSync(createRequire(import.meta.url).resolve(`@fontsource/sarabun/files/${file}`))
}

/** The four faces (regular and bold, Thai and Latin), read once per process. */
export function sarabun(): Record<FontFace, Buffer> {
  cache ??= {
    thai: read(FILES.thai),
    latin: read(FILES.latin),
    thaiBold: read(FILES.thaiBold),
    latinBold: read(FILES.latinBold),
  }
  return cache
}
