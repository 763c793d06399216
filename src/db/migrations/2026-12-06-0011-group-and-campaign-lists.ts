import type { Kysely } from 'kysely';

/*
 * A work group's and a campaign's problem lists in list order (deadline, id), so their pages
 * are read from an index range instead of every problem of the group or campaign being read
 * and sorted: at a million problems a work group's first page took 3.0 s on SQLite (its
 * province's whole range, filtered) and 254 ms on PostgreSQL (a sequential scan), a campaign's
 * 145 ms (docs/benchmarks.md). Partial: problems outside a campaign (most complaints and
 * findings) add no entry, so their creates cost nothing more.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('problems_work_group_deadline_idx')
    .on('problems')
    .columns(['work_group_id', 'due_key', 'id'])
    .where('work_group_id', 'is not', null)
    .execute();
  await db.schema
    .createIndex('problems_campaign_deadline_idx')
    .on('problems')
    .columns(['campaign_id', 'due_key', 'id'])
    .where('campaign_id', 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('problems_campaign_deadline_idx').execute();
  await db.schema.dropIndex('problems_work_group_deadline_idx').execute();
}
