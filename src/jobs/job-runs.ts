import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Claims one run of a job. The primary key (job, run_key) makes the claim atomic on both
 * engines: of several processes racing for the same run, exactly one inserts the row.
 */
export async function claimRun(
  db: Kysely<DB>,
  job: string,
  runKey: string,
  owner: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('job_runs')
    .values({
      job,
      run_key: runKey,
      owner,
      started_at: now.toISOString(),
      finished_at: null,
      outcome: 'running',
      detail: '{}',
    })
    .onConflict((oc) => oc.columns(['job', 'run_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function finishRun(
  db: Kysely<DB>,
  job: string,
  runKey: string,
  outcome: 'done' | 'failed',
  detail: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ outcome, finished_at: now.toISOString(), detail: JSON.stringify(detail) })
    .where('job', '=', job)
    .where('run_key', '=', runKey)
    .execute();
}
