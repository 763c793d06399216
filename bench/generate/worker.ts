import { parentPort, workerData } from 'node:worker_threads';
import { addToBatch, type Batch, emptyBatch } from './batch.js';
import { generateProblem } from './problem.js';
import type { Skeleton } from './skeleton.js';
import { threadCpuSeconds } from './thread-cpu.js';
import type { World } from './world.js';

export interface WorkerInput {
  world: World;
  skeleton: Skeleton;
  from: number;
  to: number;
  /** Where the worker writes its rows itself: a SQLite file, or PostgreSQL (COPY). */
  sqlitePath: string | null;
  postgresUrl: string | null;
}

/**
 * Problems per hand-over to the sink. Small on purpose: rows that wait in a batch survive
 * young-generation collections and get copied, which cost a third of the time with 1,000.
 */
const BATCH_PROBLEMS = 20;
const PROGRESS_EVERY = 1000;

/** Generates problems [from, to) and writes them batch by batch. */
async function run(input: WorkerInput): Promise<void> {
  const { world, skeleton, from, to } = input;
  const sink = input.postgresUrl
    ? await import('./postgres-copy.js').then((m) => m.openCopySink(input.postgresUrl!))
    : await import('./sqlite-writer.js').then((m) => m.openSqliteSink(input.sqlitePath!));
  let unreported = 0;
  const report = (written: number, force = false) => {
    unreported += written;
    if (unreported >= PROGRESS_EVERY || (force && unreported)) {
      parentPort!.postMessage({ progress: unreported });
      unreported = 0;
    }
  };
  const flush = async (b: Batch) => report(await sink.add(b));
  let previous: { id: string; code: string } | null = null;
  let batch = emptyBatch();
  for (let i = from; i < to; i++) {
    const g = generateProblem(world, skeleton, i, previous);
    previous = { id: g.row.id, code: g.row.code };
    addToBatch(batch, g);
    if (batch.problems_done >= BATCH_PROBLEMS) {
      await flush(batch);
      batch = emptyBatch();
    }
  }
  if (batch.problems_done) await flush(batch);
  report(await sink.close(), true);
  parentPort!.postMessage({ done: true, cpuSeconds: threadCpuSeconds() });
}

run(workerData as WorkerInput).catch((err) => {
  parentPort!.postMessage({ error: err instanceof Error ? err.stack : String(err) });
});
