import { actionBase } from '../../catalog/ckan-client.js'
import { syncCatalog } from '../../catalog/sync.js'
import { config } from '../../config.js'
import { type Command, UsageError } from '../command.js'

/** `catalog-sync --ckan URL`: refresh the catalog from a CKAN portal's action API. */
export const catalogSync: Command = {
  name: 'catalog-sync',
  summary: 'refresh agencies, datasets and resources from the CKAN portals (CKAN_URLS) or one portal',
  usage: 'catalog-sync --ckan URL',
  options: { ckan: { type: 'string' } },
  async run({ values }, log) {
    const portals =
      typeof values.ckan === 'string'
        ? [{ name: config().defaultPortal, url: values.ckan }]
        : config().portals
    if (portals.length === 0) {
      throw new UsageError(
        '--ckan URL is required (or set CKAN_URLS or CKAN_URL), e.g. --ckan https://data.go.th',
      )
    }
    try {
      for (const p of portals) actionBase(p.url)
    } catch (err) {
      throw new UsageError((err as Error).message)
    }
    log.info(`Syncing the catalog from ${portals.map((p) => `${p.name} (${p.url})`).join(', ')}…`)
    const result = await syncCatalog(portals, { onProgress: (m) => log.progress(m), trigger: 'cli' })
    for (const p of result.portals ?? []) {
      log.info(
        p.ok
          ? `${p.name}: ${p.organizations} organizations, ${p.datasets} datasets`
          : `${p.name} failed, nothing of it changed: ${p.error}`,
      )
    }
    const { totals, written } = result
    log.info(
      `Catalog synced: ${totals?.agencies.active} agencies, ${totals?.datasets.active} datasets, ` +
        `${totals?.resources.active} resources active (${totals?.datasets.inactive} datasets inactive); ` +
        `${written?.agencies} agencies, ${written?.datasets} datasets, ${written?.resources} resources written`,
    )
    if (result.skippedDatasets)
      log.info(`${result.skippedDatasets} datasets without a known organization skipped`)
    if (result.unmapped?.length) {
      log.info(
        `${result.unmapped.length} organizations have no award group (add them to functions/catalog/agency-mapping.json): ${result.unmapped.slice(0, 10).join(', ')}`,
      )
    }
    if (!result.ok) throw new Error(`some portals failed: ${result.error}`)
  },
}
