import { type Kysely, sql } from 'kysely';

/*
 * A work group's and a campaign's problem lists in list order (deadline, id), so their pages
 * are read from an index range instead of every problem of the group or campaign being read
 * and sorted: at a million problems a work group's first page took 3.0 s on SQLite (its
 * province's whole range, filtered) and 254 ms on PostgreSQL (a sequential scan), a campaign's
 * 145 ms (docs/benchmarks.md); and the supervised problems' list, 444 ms on PostgreSQL.
 * Partial: problems outside a campaign (most complaints and findings) and unsupervised ones add
 * no entry, so their creates cost nothing more.
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
  // The supervised (挂牌督办) problems, a few thousand of a million: their list reads this small
  // index in list order and keeps its region's rows.
  await db.schema
    .createIndex('problems_supervised_deadline_idx')
    .on('problems')
    .columns(['due_key', 'id'])
    .where(sql.ref('supervision_level'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('problems_supervised_deadline_idx').execute();
  await db.schema.dropIndex('problems_campaign_deadline_idx').execute();
  await db.schema.dropIndex('problems_work_group_deadline_idx').execute();
}
