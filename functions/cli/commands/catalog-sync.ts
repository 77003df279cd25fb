import { actionBase } from '../../catalog/ckan-client.js'
import { syncCatalog } from '../../catalog/sync.js'
import { config } from '../../config.js'
import { type Command, UsageError } from '../command.js'

/** `catalog-sync --ckan URL`: refresh the catalog from a CKAN portal's action API. */
export const catalogSync: Command = {
  name: 'catalog-sync',
  summary: 'refresh agencies, datasets and resources from a CKAN portal',
  usage: 'catalog-sync --ckan URL',
  options: { ckan: { type: 'string' } },
  async run({ values }, log) {
    const url = typeof values.ckan === 'string' ? values.ckan : config().ckanUrl
    if (!url) throw new UsageError('--ckan URL is required (or set CKAN_URL), e.g. --ckan https://data.go.th')
    try {
      actionBase(url)
    } catch (err) {
      throw new UsageError((err as Error).message)
    }
    log.info(`Syncing the catalog from ${url}…`)
    const result = await syncCatalog(url, { onProgress: (m) => log.progress(m), trigger: 'cli' })
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
  },
}
