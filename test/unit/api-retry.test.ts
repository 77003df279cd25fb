import { describe, expect, it } from 'vitest'
import { ApiError } from '../../web/src/api/client.js'
import { retryDelay } from '../../web/src/api/retry.js'

const api = (status: number) => new ApiError(status, 'error', `status ${status}`)

describe('which failed reads the dashboard retries by itself', () => {
  it.each([
    ['a busy server (503)', api(503), 0, 500],
    ['a gateway timeout (504)', api(504), 1, 1_000],
    ['a bad gateway (502)', api(502), 2, 2_000],
    ['too many requests (429)', api(429), 3, 4_000],
    ['the network (fetch TypeError)', new TypeError('Failed to fetch'), 4, 8_000],
    ['a busy server, after five tries', api(503), 5, undefined],
    ['a refusal (403)', api(403), 0, undefined],
    ['an unknown agency (404)', api(404), 0, undefined],
    ['a bad request (400)', api(400), 0, undefined],
    ['a server error (500)', api(500), 0, undefined],
    ['an error of the page itself', new Error('bug'), 0, undefined],
  ])('%s', (_, error, attempt, delay) => {
    expect(retryDelay(error, attempt)).toBe(delay)
  })
})
