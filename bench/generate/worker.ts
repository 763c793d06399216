import { parentPort, workerData } from 'node:worker_threads';
import { addToBatch, type Batch, emptyBatch } from './batch.js';
import { generateProblem } from './problem.js';
import type { Skeleton } from './skeleton.js';
import type { World } from './world.js';

export interface WorkerInput {
  world: World;
  skeleton: Skeleton;
  from: number;
  to: number;
  batchSize: number;
  /** PostgreSQL: the worker COPYs its own batches; SQLite: it posts them to the single writer. */
  postgresUrl: string | null;
}

/** Generates problems [from, to) and hands them over batch by batch. */
async function run(input: WorkerInput): Promise<void> {
  const { world, skeleton, from, to, batchSize } = input;
  const copy = input.postgresUrl
    ? await import('./postgres-copy.js').then((m) => m.openCopier(input.postgresUrl!))
    : null;
  let previous: { id: string; code: string } | null = null;
  let batch = emptyBatch();
  // At most two batches wait for the writer: memory stays bounded whatever the speeds.
  let credits = 2;
  let wake: (() => void) | null = null;
  parentPort!.on('message', () => {
    credits++;
    wake?.();
  });
  // PostgreSQL: one COPY in flight while the next batch is generated.
  let copying: Promise<void> = Promise.resolve();
  const flush = async (b: Batch) => {
    if (copy) {
      await copying;
      copying = copy.write(b).then(() => parentPort!.postMessage({ progress: b.problems_done }));
      return;
    }
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    parentPort!.postMessage({ batch: b });
  };
  for (let i = from; i < to; i++) {
    const g = generateProblem(world, skeleton, i, previous);
    previous = { id: g.row.id, code: g.row.code };
    addToBatch(batch, g);
    if (batch.problems_done >= batchSize) {
      await flush(batch);
      batch = emptyBatch();
    }
  }
  if (batch.problems_done) await flush(batch);
  await copying;
  await copy?.close();
  parentPort!.postMessage({ done: true });
  parentPort!.removeAllListeners('message');
}

run(workerData as WorkerInput).catch((err) => {
  parentPort!.postMessage({ error: err instanceof Error ? err.stack : String(err) });
});
