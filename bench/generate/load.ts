import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { progress } from '../progress.js';
import type { Batch } from './batch.js';
import type { Skeleton } from './skeleton.js';
import { sqliteWriter } from './sqlite-writer.js';
import type { WorkerInput } from './worker.js';
import type { World } from './world.js';

export interface LoadTarget {
  sqlite?: SQLite.Database;
  postgresUrl?: string;
}

/**
 * Generates and loads every problem with `workers` threads, each owning a contiguous range.
 * SQLite has one writer (this thread); on PostgreSQL every worker COPYs on its own connection.
 */
export async function loadProblems(world: World, skeleton: Skeleton, workers: number, target: LoadTarget) {
  const n = skeleton.createdMs.length;
  const bar = progress('problems', n);
  const write = target.sqlite ? sqliteWriter(target.sqlite) : null;
  const runOne = (from: number, to: number) =>
    new Promise<void>((resolve, reject) => {
      const input: WorkerInput = {
        world,
        skeleton,
        from,
        to,
        batchSize: 1000,
        postgresUrl: target.postgresUrl ?? null,
      };
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: input });
      worker.on('message', (m: { batch?: Batch; progress?: number; done?: boolean; error?: string }) => {
        if (m.error) reject(new Error(m.error));
        if (m.batch && write) {
          write(m.batch);
          worker.postMessage('more');
          bar.add(m.batch.problems_done);
        }
        if (m.progress) bar.add(m.progress);
        if (m.done) void worker.terminate().then(() => resolve());
      });
      worker.on('error', reject);
    });
  const size = Math.ceil(n / workers);
  await Promise.all(
    Array.from({ length: workers }, (_, w) => runOne(w * size, Math.min(n, (w + 1) * size))).filter(
      (_, w) => w * size < n,
    ),
  );
  bar.finish();
}
