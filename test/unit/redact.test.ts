import { describe, expect, it } from 'vitest'
import { redact } from '../../functions/auth/redact.js'

describe('redact', () => {
  it.each([
    ['a JWT', 'bad token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl here', 'eyJ'],
    ['a bearer token', 'Authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['an api key header', 'x-api-key=k3y-value-123', 'k3y-value-123'],
    ['an IPv4 address', 'from 203.0.113.45 at noon', '203.0.113.45'],
    ['an IPv6 address', 'from 2001:db8::8a2e:370:7334 at noon', '2001:db8::8a2e:370:7334'],
    ['a loopback IPv6 address', 'connect ECONNREFUSED ::1', '::1'],
    [
      'a long secret',
      'key Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy end',
      'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy',
    ],
  ])('removes %s', (_, text, secret) => {
    expect(redact(text)).not.toContain(secret)
  })

  it.each([
    'No active resource res-42',
    'ResourceNotFoundException: Requested resource not found',
    'at 2022-11-01T10:00:00Z the month 2022-11 had 3 events',
  ])('keeps ordinary words and dates: %s', (text) => {
    expect(redact(text)).toBe(text)
  })
})
