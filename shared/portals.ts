/**
 * The CKAN portals downloads come from and the catalog is synced from: a name (what events and reports say)
 * and the portal's URL. The first one listed is the default portal: an event that names none came from it.
 */
export interface Portal {
  name: string
  url: string
}

/** The default portal's name when the configuration names none (`CKAN_URL`, or no portal at all). */
export const DEFAULT_PORTAL = 'national'

/** A portal name: lower-case letters, digits and hyphens, starting with a letter, at most 32 characters. */
export const PORTAL_NAME = /^[a-z][a-z0-9-]{0,31}$/

/** Why a list of portals is refused: the message names the entry that is wrong. */
export class PortalListError extends Error {
  override name = 'PortalListError'
}

function portalUrl(text: string, name: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new PortalListError(`portal "${name}": "${text}" is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PortalListError(`portal "${name}": "${text}" must start with http:// or https://`)
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new PortalListError(
      `portal "${name}": "${text}" must be the portal's address only (no query, fragment or credentials)`,
    )
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/**
 * Portals from `name=url` pairs separated by commas (`national=https://data.go.th,opdc=https://…`): names
 * unique, URLs http(s) and distinct. Throws a PortalListError naming the entry that is wrong.
 */
export function parsePortalList(text: string): Portal[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
  if (entries.length === 0)
    throw new PortalListError('lists no portal; write name=url pairs separated by commas')
  const portals: Portal[] = []
  for (const entry of entries) {
    const eq = entry.indexOf('=')
    if (eq < 0) throw new PortalListError(`"${entry}" is not a name=url pair`)
    const name = entry.slice(0, eq).trim()
    if (!PORTAL_NAME.test(name)) {
      throw new PortalListError(
        `"${name}" is not a portal name (lower-case letters, digits and hyphens, starting with a letter, at most 32)`,
      )
    }
    if (portals.some((p) => p.name === name)) throw new PortalListError(`portal "${name}" is listed twice`)
    const url = portalUrl(entry.slice(eq + 1).trim(), name)
    const twin = portals.find((p) => p.url === url)
    if (twin) throw new PortalListError(`portals "${twin.name}" and "${name}" have the same URL`)
    portals.push({ name, url })
  }
  return portals
}

/** The portal an event came from: the one it names, else the default (the first configured). */
export const portalOrDefault = (portal: string | undefined, portals: readonly Portal[]): string =>
  portal ?? portals[0]?.name ?? DEFAULT_PORTAL
