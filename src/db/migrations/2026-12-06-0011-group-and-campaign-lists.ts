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

/** Each index: its name, its columns, and the column whose rows it holds (where not null). */
const LIST_INDEXES = [
  ['problems_work_group_deadline_idx', ['work_group_id', 'due_key', 'id'], 'work_group_id'],
  ['problems_campaign_deadline_idx', ['campaign_id', 'due_key', 'id'], 'campaign_id'],
  // The supervised (挂牌督办) problems, a few thousand of a million: their list reads this small
  // index in list order and keeps its region's rows.
  ['problems_supervised_deadline_idx', ['due_key', 'id'], 'supervision_level'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns, held] of LIST_INDEXES)
    await db.schema
      .createIndex(name)
      .on('problems')
      .columns([...columns])
      .where(sql.ref(held), 'is not', null)
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of [...LIST_INDEXES].reverse()) await db.schema.dropIndex(name).execute();
}
