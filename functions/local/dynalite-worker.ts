// Runs dynalite in a worker thread: the store's work (LevelDB, request validation) uses the second core
// instead of competing with the HTTP server on the main thread.
import { parentPort, workerData } from 'node:worker_threads'
import dynalite from 'dynalite'

const server = dynalite({
  ...(workerData.path ? { path: workerData.path } : {}),
  createTableMs: 0,
  deleteTableMs: 0,
})
server.listen(0, '127.0.0.1', () => {
  parentPort?.postMessage({ port: (server.address() as { port: number }).port })
})
parentPort?.on('message', (message) => {
  if (message === 'close') {
    server.close(() => parentPort?.postMessage({ closed: true }))
    server.closeAllConnections()
  }
})
