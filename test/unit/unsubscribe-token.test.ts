import { describe, expect, it } from 'vitest'
import { signUnsubscribeToken, verifyUnsubscribeToken } from '../../functions/email/unsubscribe-token.js'

const KEY = 'a-key-for-unsubscribe-links'
const token = signUnsubscribeToken(KEY, 'sub-0123456789abcdef01234567')

describe('unsubscribe tokens', () => {
  it('name the subscription they were signed for', () => {
    expect(token).toMatch(/^sub-0123456789abcdef01234567\.[A-Za-z0-9_-]{43}$/)
    expect(verifyUnsubscribeToken(KEY, token)).toBe('sub-0123456789abcdef01234567')
  })

  it('are the same for the same key and subscription, and differ for another', () => {
    expect(signUnsubscribeToken(KEY, 'sub-0123456789abcdef01234567')).toBe(token)
    expect(signUnsubscribeToken(KEY, 'sub-other')).not.toBe(token)
    expect(signUnsubscribeToken('another key', 'sub-0123456789abcdef01234567')).not.toBe(token)
  })

  const [id, mac] = token.split('.') as [string, string]
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1)
  it.each([
    ['another subscription id with this signature', `sub-other.${mac}`],
    ['a changed signature', `${id}.${flip(mac, 10)}`],
    ['a changed last character', `${id}.${flip(mac, 42)}`],
    ['a truncated signature', `${id}.${mac.slice(0, 40)}`],
    ['no signature', id],
    ['an empty token', ''],
    ['only a dot', '.'],
    ['a signature with padding', `${id}.${mac}=`],
    ['an id with odd characters', `sub/../x.${mac}`],
    ['a very long id', `${'a'.repeat(100)}.${mac}`],
  ])('refuse %s', (_, tampered) => {
    expect(verifyUnsubscribeToken(KEY, tampered)).toBeUndefined()
  })

  it('accept one encoding of the signature only', () => {
    // 43 base64url characters hold 258 bits for 256: the last one's 2 low bits change nothing in the bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const sibling = alphabet[alphabet.indexOf(mac[42] as string) ^ 1] as string
    expect(Buffer.from(`${mac.slice(0, 42)}${sibling}`, 'base64url')).toEqual(Buffer.from(mac, 'base64url'))
    expect(verifyUnsubscribeToken(KEY, `${id}.${mac.slice(0, 42)}${sibling}`)).toBeUndefined()
  })

  it('refuse a token signed with another key', () => {
    expect(verifyUnsubscribeToken('another key', token)).toBeUndefined()
  })

  it('refuse to sign something that is not a subscription id', () => {
    expect(() => signUnsubscribeToken(KEY, 'a.b')).toThrow('subscription id')
  })
})
