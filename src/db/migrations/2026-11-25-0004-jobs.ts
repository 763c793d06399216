import type { Kysely } from 'kysely';

/** Scheduled work: one row per (job, run key) claims a run exactly once across processes. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('run_key', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull()) // running | done | failed
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'run_key'])
    .execute();

  // Daily counts per region: the trend line of dispatch reports and dashboards.
  await db.schema
    .createTable('warning_snapshots')
    .addColumn('taken_on', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull())
    .addColumn('red', 'integer', (c) => c.notNull())
    .addColumn('yellow', 'integer', (c) => c.notNull())
    .addColumn('stalled', 'integer', (c) => c.notNull())
    .addColumn('green', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('warning_snapshots_pk', ['taken_on', 'region_code'])
    .execute();
}
