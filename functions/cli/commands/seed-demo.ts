import { seedDemo } from '../../demo/seed.js'
import { runRollup } from '../../jobs/rollup.js'
import type { Command } from '../command.js'

/** `seed-demo`: load the demo catalog and 13 months of downloads (through the real ingest path). */
export const seedDemoCommand: Command = {
  name: 'seed-demo',
  summary: 'load the demo catalog and 13 months of downloads into the store',
  usage: 'seed-demo',
  options: {},
  async run(_args, log) {
    const result = await seedDemo({
      onProgress: (p) =>
        log.progress(`demo downloads: ${p.daysDone}/${p.days} days (${p.day}), ${p.events} events`),
    })
    log.progress('rolling up the counts…')
    await runRollup()
    log.info(
      `Loaded ${result.agencies} agencies, ${result.datasets} datasets, ${result.resources} resources, ` +
        `${result.events} downloads over ${result.days} days`,
    )
  },
}
