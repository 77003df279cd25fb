/**
 * The dashboard's clock: the server's, so the current month and fiscal year are the ones the API counts in
 * (a deployment runs on real time; a demo or a test "as of" a date runs the whole product on that date).
 */
let offset = 0

/** Now, on the server's clock. */
export const now = (): number => Date.now() + offset

/** Follows the server's clock from an instant it answered (its auth configuration carries one). */
export function followServerClock(serverNow: number): void {
  if (Number.isFinite(serverNow)) offset = serverNow - Date.now()
}
