import { createHmac, timingSafeEqual } from 'node:crypto'
import { getSecretString } from '../aws/secrets.js'
import { ConfigError, config } from '../config.js'

/**
 * Unsubscribe links: `<subscriptionId>.<HMAC-SHA256 of "unsubscribe:" + id, base64url>`. The token names
 * the subscription and proves the link came from us, so it works without signing in; it never expires
 * (an old email's link must still work) and, after an unsubscribe, it has nothing left to do.
 */

const PURPOSE = 'unsubscribe:'
const ID = /^[A-Za-z0-9_-]{1,64}$/
const MAC = /^[A-Za-z0-9_-]{43}$/

const mac = (key: string, id: string) =>
  createHmac('sha256', key)
    .update(PURPOSE + id)
    .digest()

/** The unsubscribe token of a subscription. */
export function signUnsubscribeToken(key: string, subscriptionId: string): string {
  if (!ID.test(subscriptionId)) throw new Error(`Not a subscription id: ${subscriptionId}`)
  return `${subscriptionId}.${mac(key, subscriptionId).toString('base64url')}`
}

/** The subscription id a token names, or undefined when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(key: string, token: string): string | undefined {
  const dot = token.indexOf('.')
  const id = token.slice(0, dot)
  const given = token.slice(dot + 1)
  if (dot < 0 || !ID.test(id) || !MAC.test(given)) return undefined
  // The text is compared (one encoding only: base64url's unused low bits may not vary), in constant time, so
  // the signature cannot be guessed byte by byte from response times.
  const expected = Buffer.from(mac(key, id).toString('base64url'))
  return timingSafeEqual(Buffer.from(given), expected) ? id : undefined
}

let fromSecret: { secretId: string; key: Promise<string> } | undefined

/**
 * The signing key of unsubscribe links: `UNSUBSCRIBE_SIGNING_KEY`, or on AWS the secret named by
 * `UNSUBSCRIBE_KEY_SECRET`, read once per cold start.
 */
export async function unsubscribeKey(): Promise<string> {
  const { unsubscribeSigningKey, unsubscribeKeySecret } = config().mail
  if (unsubscribeSigningKey) return unsubscribeSigningKey
  if (!unsubscribeKeySecret) {
    throw new ConfigError('Set UNSUBSCRIBE_SIGNING_KEY or UNSUBSCRIBE_KEY_SECRET to sign unsubscribe links')
  }
  if (fromSecret?.secretId !== unsubscribeKeySecret) {
    const entry = { secretId: unsubscribeKeySecret, key: getSecretString(unsubscribeKeySecret) }
    fromSecret = entry
    entry.key.catch(() => {
      if (fromSecret === entry) fromSecret = undefined
    })
  }
  return fromSecret.key
}

/** The public unsubscribe address of a subscription (GET shows a confirmation; POST unsubscribes). */
export function unsubscribeUrl(token: string): string {
  return `${config().mail.dashboardUrl}/v1/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`
}
