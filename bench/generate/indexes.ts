import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/db/schema.js';

const BULK_TABLES = [
  'problems',
  'events',
  'problem_units',
  'problem_links',
  'complaints',
  'complainant_identities',
];
const inList = sql.join(BULK_TABLES.map((t) => sql.lit(t)));

/**
 * Drops what slows a bulk load (secondary indexes; on PostgreSQL also keys and foreign keys)
 * and returns the statements that put them back, built once from the loaded rows (read from
 * the catalogue, so schema changes follow). On SQLite, growing every index during the load on
 * both workers was cheaper at 100k problems but not at 1M: each worker's cache is emptied
 * whenever the other commits, and the random index pages are read again (330 µs of insert
 * work per problem at 1M against ~100 µs plus one build afterwards).
 */
export async function dropForBulkLoad(db: Kysely<DB>, engine: 'sqlite' | 'postgres'): Promise<string[]> {
  if (engine === 'sqlite') {
    const { rows } = await sql<{ name: string; sql: string }>`
      select name, sql from sqlite_master
      where type = 'index' and sql is not null and tbl_name in (${inList})`.execute(db);
    for (const r of rows) await sql`drop index ${sql.id(r.name)}`.execute(db);
    return rows.map((r) => r.sql);
  }
  const { rows: constraints } = await sql<{ name: string; tbl: string; def: string; contype: string }>`
    select conname as name, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def, contype
    from pg_constraint
    where contype in ('p', 'u', 'f')
      and (conrelid::regclass::text in (${inList}) or confrelid::regclass::text in (${inList}))
    order by case contype when 'f' then 0 else 1 end`.execute(db);
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
    where tablename in (${inList}) and schemaname = current_schema()
      and indexname not in (select conname from pg_constraint)`.execute(db);
  for (const c of constraints)
    await sql`alter table ${sql.id(c.tbl)} drop constraint if exists ${sql.id(c.name)}`.execute(db);
  for (const i of indexes) await sql`drop index ${sql.id(i.name)}`.execute(db);
  const restore = (types: string) =>
    constraints
      .filter((c) => types.includes(c.contype))
      .map((c) => `alter table "${c.tbl}" add constraint "${c.name}" ${c.def}`);
  return [...restore('pu'), ...indexes.map((i) => i.def), ...restore('f')];
}

export async function restoreAfterBulkLoad(
  db: Kysely<DB>,
  statements: string[],
  onStep: (done: number, total: number) => void,
): Promise<void> {
  for (const [i, s] of statements.entries()) {
    await sql.raw(s).execute(db);
    onStep(i + 1, statements.length);
  }
}
