import type { Kysely } from 'kysely';

/*
 * The dashboard rollup (docs/decisions/0007): exact counts kept in the write transaction.
 * Portable types only (text, integer); '' stands for "none" so every key column is NOT NULL.
 *
 * No backfill here: warning lights depend on the date and on the rules in force, which a
 * frozen migration must not copy. The state row starts with valid_on = '' ("not built"):
 * writes skip the rollup, reads use the live query, and the problem-counts job (src/jobs)
 * rebuilds everything from `problems` on its first tick after start.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const cellColumns = ['status', 'area', 'warning'] as const;
  await db.schema
    .createTable('problem_counts')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('warning', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('problem_counts_pk', [
      'province_code',
      'city_code',
      'county_code',
      'campaign_id',
      ...cellColumns,
    ])
    .execute();
  // Dashboards of a city or county, and of one campaign. `n` is in no index: an adjustment
  // updates no index entry (and stays a HOT update on PostgreSQL).
  for (const col of ['city_code', 'county_code', 'campaign_id']) {
    await db.schema.createIndex(`problem_counts_${col}_idx`).on('problem_counts').column(col).execute();
  }

  await db.schema
    .createTable('problem_city_counts')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('warning', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('problem_city_counts_pk', ['province_code', 'city_code', ...cellColumns])
    .execute();

  await db.schema
    .createTable('problem_count_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('valid_on', 'text', (c) => c.notNull())
    .addColumn('yellow_within_days', 'integer', (c) => c.notNull())
    .addColumn('stalled_after_days', 'integer', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('problem_count_state')
    .values({
      id: 1,
      valid_on: '',
      yellow_within_days: 0,
      stalled_after_days: 0,
      generation: 0,
      built_at: '',
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['problem_count_state', 'problem_city_counts', 'problem_counts']) {
    await db.schema.dropTable(t).execute();
  }
}
