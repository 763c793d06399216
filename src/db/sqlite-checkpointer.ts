import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * Checkpoints the SQLite WAL from a worker thread (its own connection), so the request thread's
 * COMMITs only append to the WAL. Left to SQLite, every ~1,000 pages one COMMIT also copies the
 * WAL into the database file and syncs it, on the event loop: about a third of the commit time
 * of creates at 1M problems (docs/decisions/0010). A PASSIVE checkpoint never blocks the writer
 * or readers; SQLite's own automatic checkpoint stays on, at a higher mark, as a safety net
 * should this thread fall behind or stop.
 */

export const SAFETY_NET_PAGES = 16_000;
const INTERVAL_MS = 100;

// An eval'd worker: runs the same under tsx, vitest and compiled JavaScript.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err)); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, onError: (message: string) => void = () => {}): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: INTERVAL_MS,
    },
  });
  worker.on('message', onError);
  worker.on('error', (err) => onError(String(err)));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // A checkpointer alone must not keep the process alive…
  worker.unref();
  return {
    stop: () => {
      // …but one being stopped must: it may be in the middle of a long checkpoint.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
