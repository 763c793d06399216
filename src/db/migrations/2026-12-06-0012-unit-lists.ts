import { type Kysely, sql } from 'kysely';

/*
 * A unit's problem list in list order. Each (problem, unit) entry carries its problem's due_key
 * (the deadline, or 9999-12-31), kept in step by the one write path that changes units or
 * deadlines (problem.service.ts), so a unit's page is a range of (unit_id, due_key,
 * problem_id): a city bureau co-operating on 30,000 problems read them all and sorted them,
 * 65–71 ms a page on SQLite at a million problems (docs/benchmarks.md). The new index serves
 * every lookup by unit the old (unit_id, problem_id) one did, which goes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('problem_units')
    .addColumn('due_key', 'text', (c) => c.notNull().defaultTo('9999-12-31'))
    .execute();
  await sql`update problem_units set due_key = (select p.due_key from problems p where p.id = problem_units.problem_id)`.execute(
    db,
  );
  await db.schema.dropIndex('problem_units_unit_idx').execute();
  await db.schema
    .createIndex('problem_units_unit_deadline_idx')
    .on('problem_units')
    .columns(['unit_id', 'due_key', 'problem_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('problem_units_unit_deadline_idx').execute();
  await db.schema
    .createIndex('problem_units_unit_idx')
    .on('problem_units')
    .columns(['unit_id', 'problem_id'])
    .execute();
  await db.schema.alterTable('problem_units').dropColumn('due_key').execute();
}
