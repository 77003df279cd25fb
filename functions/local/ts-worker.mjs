// Worker threads do not inherit the tsx loader of `npm start`: register it, then load the TypeScript module the
// worker was started for (`workerData.module`).
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.module)
