import { createHash } from 'node:crypto'

/** A stable UUID-shaped id from a name, like CKAN's ids, so demo data is the same on every machine. */
export function demoId(kind: string, name: string): string {
  const h = createHash('sha1').update(`ogd-rankings-demo:${kind}:${name}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** A small seeded pseudo-random generator (mulberry32): demo data must be deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
