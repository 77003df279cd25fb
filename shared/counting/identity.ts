/**
 * The identities an event carries, both keyed hashes with the salt of its Bangkok day (never an address):
 * `client`, of the address and the user agent (COUNTER's user, for double clicks and sessions), and `address`,
 * of the address alone (the integrity signals, so one address that rotates its user agent is still one).
 */
export interface EventIdentity {
  client: string
  /** Absent on events stored before the address hash existed: their client stands in for it. */
  address?: string | undefined
}

/** The address an event's integrity signals group it by. */
export function addressOf(e: EventIdentity): string {
  return e.address ?? e.client
}
