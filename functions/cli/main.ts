import { parseArgs } from 'node:util'
import { connectStores } from '../local/connect.js'
import { type Command, type Logger, UsageError } from './command.js'
import { catalogSync } from './commands/catalog-sync.js'
import { importHistoryCommand } from './commands/import-history.js'
import { importLogs } from './commands/import-logs.js'
import { monthly } from './commands/monthly.js'
import { recompute } from './commands/recompute.js'
import { recountFy } from './commands/recount-fy.js'
import { report } from './commands/report.js'
import { seedDemoCommand } from './commands/seed-demo.js'
import { sendReportEmailsCommand } from './commands/send-report-emails.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

/** Every command of `npm run cli -- <command>`. */
export const COMMANDS: Command[] = [
  catalogSync,
  importHistoryCommand,
  importLogs,
  monthly,
  recompute,
  recountFy,
  report,
  seedDemoCommand,
  sendReportEmailsCommand,
]

const log: Logger = {
  info: (message) => {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K')
    console.log(message)
  },
  progress: (message) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${message}`)
  },
}

function help(): string {
  const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(52)} ${c.summary}`)
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nOptions of every command: --data-dir DIR (local data, default $DATA_DIR or ./.data);
  --aws (use AWS itself: credentials, AWS_REGION, TABLE_NAME and REPORTS_BUCKET from the environment)`
}

/** Runs one command; returns the exit code (0 done, 1 failed, 2 bad input). */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === 'help') {
    console.log(help())
    return name ? 0 : 2
  }
  const command = COMMANDS.find((c) => c.name === name)
  let release = async () => {}
  try {
    if (!command) throw new UsageError(`Unknown command "${name}".\n\n${help()}`)
    const args = parseArgs({
      args: rest,
      options: { ...command.options, 'data-dir': { type: 'string' }, aws: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    })
    if (command.needsStores !== false) {
      const dataDir = args.values['data-dir'] as string | undefined
      release = await connectStores(process.env, {
        ...(dataDir ? { dataDir } : {}),
        aws: args.values.aws === true,
      })
    }
    await command.run(args, log)
    return 0
  } catch (err) {
    const e = err as Error & { code?: string }
    const usage = e instanceof UsageError || e.code?.startsWith('ERR_PARSE_ARGS')
    console.error(`${usage ? 'Usage error' : 'Failed'}: ${e.message}`)
    if (usage && command) console.error(`Usage: npm run cli -- ${command.usage}`)
    return usage ? 2 : 1
  } finally {
    await release()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code))
}
