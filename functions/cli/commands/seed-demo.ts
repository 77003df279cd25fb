import { seedDemo } from '../../demo/seed.js'
import { runRollup } from '../../jobs/rollup.js'
import type { Command } from '../command.js'

/** `seed-demo`: load the demo catalog and downloads (through the real ingest path). */
export const seedDemoCommand: Command = {
  name: 'seed-demo',
  summary: 'load the demo catalog and downloads into the store',
  usage: 'seed-demo',
  options: {},
  async run(_args, log) {
    const result = await seedDemo({
      onProgress: (done, total) => log.progress(`demo downloads ${done}/${total}`),
    })
    await runRollup()
    log.info(`Loaded ${result.agencies} agencies, ${result.datasets} datasets, ${result.events} downloads`)
  },
}
