/** `npm run bench -- NAME`: runs bench/NAME.ts (each benchmark prints its own figures). */
import { readdirSync } from 'node:fs'

const names = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
const name = process.argv[2]
if (!name || !names.includes(name)) {
  console.error(`Usage: npm run bench -- <${names.join('|')}>`)
  process.exit(2)
}
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
await import(`./${name}.ts`)
