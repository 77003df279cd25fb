import type { Principal } from '../auth/principal.js'
import { clock } from '../clock.js'
import { forgetVersions } from '../read-model/cache.js'
import { type AuditEntry, recordAudit } from '../store/audit.js'

/** Who set a value and when, as it is stored with the value. */
export const setStamp = (principal: Principal) => ({
  setBy: principal.subject,
  setAt: clock.iso(),
})

/**
 * Saves a change DGA made to what rankings are read with (a target, an award programme): stores it, lets this
 * process read its own write at once (its period caches), and records it in the audit log.
 */
export async function saveChange(
  principal: Principal,
  save: () => Promise<void>,
  audit: Omit<AuditEntry, 'at' | 'actor'>,
): Promise<void> {
  await save()
  forgetVersions()
  await recordAudit({ actor: principal.subject, ...audit })
}
