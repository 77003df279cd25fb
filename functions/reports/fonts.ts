import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { inflateSync } from 'node:zlib'

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

/**
 * A WOFF font as the plain OpenType (sfnt) file it wraps. The PDF library can read WOFF, but inflates its
 * tables in JavaScript on every access, which made each PDF take half a second; node's zlib does it once.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font')
  const numTables = woff.readUInt16BE(12)
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20
    const offset = woff.readUInt32BE(at + 4)
    const compLength = woff.readUInt32BE(at + 8)
    const origLength = woff.readUInt32BE(at + 12)
    const raw = woff.subarray(offset, offset + compLength)
    return {
      tag: woff.subarray(at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    }
  })
  const entrySelector = Math.floor(Math.log2(numTables))
  const searchRange = 2 ** entrySelector * 16
  const header = Buffer.alloc(12 + numTables * 16)
  woff.copy(header, 0, 4, 8) // flavor: the sfnt version
  header.writeUInt16BE(numTables, 4)
  header.writeUInt16BE(searchRange, 6)
  header.writeUInt16BE(entrySelector, 8)
  header.writeUInt16BE(numTables * 16 - searchRange, 10)
  const body: Buffer[] = []
  let offset = header.length
  tables.forEach((t, i) => {
    const at = 12 + i * 16
    t.tag.copy(header, at)
    header.writeUInt32BE(t.checksum, at + 4)
    header.writeUInt32BE(offset, at + 8)
    header.writeUInt32BE(t.data.length, at + 12)
    const padded = Buffer.alloc(Math.ceil(t.data.length / 4) * 4)
    t.data.copy(padded)
    body.push(padded)
    offset += padded.length
  })
  return Buffer.concat([header, ...body])
}

function read(file: string): Buffer {
  const bundled = fileURLToPath(new URL(`./fonts/${file}`, import.meta.url))
  if (existsSync(bundled)) return woffToSfnt(readFileSync(bundled))
  return woffToSfnt(readFileSync(createRequire(import.meta.url).resolve(`@fontsource/sarabun/files/${file}`)))
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
