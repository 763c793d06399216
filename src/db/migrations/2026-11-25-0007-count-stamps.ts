import type { Kysely } from 'kysely';

/*
 * Per-city write counters beside the dashboard rollup (docs/decisions/0007): a dashboard
 * answer kept in a process is reused only while its region's counters are unchanged.
 * Starts empty: a missing counter reads as 0 and the first write creates it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('problem_count_stamps')
    .addColumn('city_code', 'text', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('problem_count_stamps_province_idx')
    .on('problem_count_stamps')
    .columns(['province_code', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('problem_count_stamps').execute();
}
