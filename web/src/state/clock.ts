/**
 * The dashboard's clock: the server's, so the current month and fiscal year are the ones the API counts in
 * (a deployment runs on real time; a demo or a test "as of" a date runs the whole product on that date).
 */

/** Where the tab keeps the server clock's offset: a reload knows it before the API has answered again. */
const OFFSET_KEY = 'serverClockOffset'

const keptText = globalThis.sessionStorage?.getItem(OFFSET_KEY)
const kept = Number(keptText)

/** Whether this tab has heard the server's time before (a reload): the page can start on it. */
export const clockKept = keptText != null && keptText !== '' && Number.isFinite(kept)

let offset = clockKept ? kept : 0

/** Now, on the server's clock (as of this tab's last word from the server, until it answers again). */
export const now = (): number => Date.now() + offset

/** Follows the server's clock from an instant it answered (its auth configuration carries one). */
export function followServerClock(serverNow: number): void {
  if (!Number.isFinite(serverNow)) return
  offset = serverNow - Date.now()
  globalThis.sessionStorage?.setItem(OFFSET_KEY, String(offset))
}
