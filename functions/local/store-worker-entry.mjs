// Worker threads do not inherit the tsx loader of `npm start`: register it, then load the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import('./store-worker.ts')
