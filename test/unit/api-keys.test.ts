import { describe, expect, it } from 'vitest'
import { IngestKeyring, ingestKeyHash } from '../../functions/auth/api-keys.js'

describe('IngestKeyring', () => {
  const ring = new IngestKeyring(['plain-key'], [ingestKeyHash('hashed-key')])

  it.each([
    ['a plain key', 'plain-key', true],
    ['a key configured only by its hash', 'hashed-key', true],
    ['a key that is not active', 'old-key', false],
    ['the hash itself sent as the key', ingestKeyHash('hashed-key'), false],
    ['an empty key', '', false],
    ['no key', undefined, false],
  ])('%s → %s', (_, key, ok) => {
    expect(ring.verify(key)).toBe(ok)
  })

  it('rotates: old and new keys both work during the overlap, and the old one stops when removed', () => {
    const overlap = new IngestKeyring([], [ingestKeyHash('old'), ingestKeyHash('new')])
    expect([overlap.verify('old'), overlap.verify('new')]).toEqual([true, true])
    const after = new IngestKeyring([], [ingestKeyHash('new')])
    expect([after.verify('old'), after.verify('new')]).toEqual([false, true])
  })
})
