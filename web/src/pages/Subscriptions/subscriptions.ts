import type { DevSession } from '../../../../shared/api.js'
import type { LocalizedText } from '../../../../shared/catalog.js'
import { addMonths, bangkokMonth, type Locale } from '../../../../shared/time.js'
import { now as clockNow } from '../../state/clock.js'

/** A scope the reader may subscribe an address to, with its name. */
export interface ScopeChoice {
  scope: string
  name: LocalizedText | undefined
}

/**
 * The scopes a reader may choose: a DGA official national and every agency; an executive only their own
 * agencies (the API refuses anything else with 403 anyway). Agencies are sorted by Thai name.
 */
export function scopeChoices(
  session: Pick<DevSession, 'role' | 'agencyIds'> | undefined,
  agencies: ReadonlyMap<string, LocalizedText>,
): ScopeChoice[] {
  if (!session) return []
  const collator = new Intl.Collator('th')
  const ids = session.role === 'dga_admin' ? [...agencies.keys()] : session.agencyIds
  const own = ids
    .map((scope) => ({ scope, name: agencies.get(scope) }))
    .sort((a, b) => collator.compare(a.name?.th ?? a.scope, b.name?.th ?? b.scope))
  return session.role === 'dga_admin' ? [{ scope: 'national', name: undefined }, ...own] : own
}

/** A scope as the reader reads it: "national" in their language, else the agency's name (or its id). */
export function scopeLabel(
  scope: string,
  agencies: ReadonlyMap<string, LocalizedText>,
  lang: Locale,
  nationalWord: string,
): string {
  if (scope === 'national') return nationalWord
  return agencies.get(scope)?.[lang] ?? scope
}

/** The month whose report was sent last: the one before the current Bangkok month. */
export const lastReportMonth = (now = clockNow()) => addMonths(bangkokMonth(now), -1)
