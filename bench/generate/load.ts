import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { progress } from '../progress.js';
import type { Skeleton } from './skeleton.js';
import type { WorkerInput } from './worker.js';
import type { World } from './world.js';

export interface LoadTarget {
  /** The open file (the workers open it again by name; this connection stays idle meanwhile). */
  sqlite?: SQLite.Database;
  postgresUrl?: string;
}

/**
 * Generates and loads every problem with `workers` threads, each owning a contiguous range and
 * writing its own rows: on SQLite on its own connection, taking the write lock in turns; on
 * PostgreSQL with COPY on its own connections.
 */
export async function loadProblems(world: World, skeleton: Skeleton, workers: number, target: LoadTarget) {
  const n = skeleton.createdMs.length;
  const bar = progress('problems', n);
  const cpu: number[] = [];
  const runOne = (from: number, to: number) =>
    new Promise<void>((resolve, reject) => {
      const input: WorkerInput = {
        world,
        skeleton,
        from,
        to,
        sqlitePath: target.sqlite?.name ?? null,
        postgresUrl: target.postgresUrl ?? null,
      };
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: input });
      worker.on(
        'message',
        (m: { progress?: number; done?: boolean; cpuSeconds?: number | null; error?: string }) => {
          if (m.error) reject(new Error(m.error));
          if (m.progress) bar.add(m.progress);
          if (m.cpuSeconds) cpu.push(m.cpuSeconds);
          if (m.done) void worker.terminate().then(() => resolve());
        },
      );
      worker.on('error', reject);
    });
  const size = Math.ceil(n / workers);
  await Promise.all(
    Array.from({ length: workers }, (_, w) => runOne(w * size, Math.min(n, (w + 1) * size))).filter(
      (_, w) => w * size < n,
    ),
  );
  bar.finish();
  if (cpu.length) console.log(`worker CPU: ${cpu.map((s) => `${s.toFixed(1)} s`).join(', ')}`);
}
