import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../../src/db/schema.js';

/** The tables of the problems' load; the complaints' tables are loaded, and indexed, after them. */
export const PROBLEM_TABLES = ['problems', 'events', 'problem_units', 'problem_links'];
/** The search index's table, indexed last (its GIN index on PostgreSQL is the largest build). */
export const SEARCH_TABLES = ['search_docs'];
const BULK_TABLES = [...PROBLEM_TABLES, 'complaints', 'complainant_identities', ...SEARCH_TABLES];
const inList = sql.join(BULK_TABLES.map((t) => sql.lit(t)));

/**
 * SQLite indexes kept during the load: their keys grow in the order rows are written (each
 * worker writes its problems, and their events, in time order, hence id order), so inserts
 * append at two places, costing ~6 µs a problem against ~30 s of building at 1M.
 */
const GROWN_IN_ORDER = ['events_aggregate_seq_idx'];

/** A statement that puts back an index or constraint; phase 0 indexes, 1 keys, 2 foreign keys. */
export interface Restore {
  table: string;
  phase: 0 | 1 | 2;
  sql: string;
}

/**
 * Drops what slows a bulk load (secondary indexes; on PostgreSQL also keys and foreign keys)
 * and returns the statements that put them back, built once from the loaded rows (read from
 * the catalogue, so schema changes follow). On SQLite, growing every index during the load on
 * both workers was cheaper at 100k problems but not at 1M: each worker's cache is emptied
 * whenever the other commits, and the random index pages are read again (330 µs of insert
 * work per problem at 1M against ~100 µs plus one build afterwards).
 */
export async function dropForBulkLoad(db: Kysely<DB>, sqlite?: SQLite.Database): Promise<Restore[]> {
  if (sqlite) {
    const rows = sqlite
      .prepare(
        `select name, tbl_name as tbl, sql from sqlite_master
         where type = 'index' and sql is not null and tbl_name in (${BULK_TABLES.map((t) => `'${t}'`).join()})`,
      )
      .all() as { name: string; tbl: string; sql: string }[];
    const dropped = rows.filter((r) => !GROWN_IN_ORDER.includes(r.name));
    for (const r of dropped) sqlite.exec(`drop index "${r.name}"`);
    return dropped.map((r) => ({ table: r.tbl, phase: 1, sql: r.sql }));
  }
  const { rows: constraints } = await sql<{ name: string; tbl: string; def: string; contype: string }>`
    select conname as name, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def, contype
    from pg_constraint
    where contype in ('p', 'u', 'f')
      and (conrelid::regclass::text in (${inList}) or confrelid::regclass::text in (${inList}))
    order by case contype when 'f' then 0 else 1 end`.execute(db);
  // Keys' indexes too: a key is put back as its unique index (built like the others, under a
  // SHARE lock, alongside them), then attached (USING INDEX, no scan).
  const { rows: indexes } = await sql<{ name: string; tbl: string; def: string }>`
    select indexname as name, tablename as tbl, indexdef as def from pg_indexes
    where tablename in (${inList}) and schemaname = current_schema()`.execute(db);
  for (const c of constraints)
    await sql`alter table ${sql.id(c.tbl)} drop constraint if exists ${sql.id(c.name)}`.execute(db);
  const keys = new Map(constraints.filter((c) => c.contype !== 'f').map((c) => [c.name, c]));
  for (const i of indexes) if (!keys.has(i.name)) await sql`drop index ${sql.id(i.name)}`.execute(db);
  return [
    ...indexes.map((i) => ({ table: i.tbl, phase: 0 as const, sql: i.def })),
    ...[...keys.values()].map((c) => ({
      table: c.tbl,
      phase: 1 as const,
      sql: `alter table "${c.tbl}" add constraint "${c.name}" ${c.contype === 'p' ? 'primary key' : 'unique'} using index "${c.name}"`,
    })),
    ...constraints
      .filter((c) => c.contype === 'f')
      .map((c) => ({
        table: c.tbl,
        phase: 2 as const,
        sql: `alter table "${c.tbl}" add constraint "${c.name}" ${c.def}`,
      })),
  ];
}

export const forTables = (restore: Restore[], tables: string[]) =>
  restore.filter((r) => tables.includes(r.table));

/**
 * SQLite: the statements in turn on the raw connection (Kysely may prepare statements on a
 * reader connection whose schema predates the drop).
 */
export function restoreSqlite(sqlite: SQLite.Database, restore: Restore[], onStep: () => void): void {
  for (const r of restore) {
    sqlite.exec(r.sql);
    onStep();
  }
}

/**
 * PostgreSQL: the indexes (keys' included), then the keys, then the foreign keys, each phase
 * over `connections` sessions at once, the largest tables first. CREATE INDEX takes a SHARE
 * lock, so several build on one table together; each session sorts in memory
 * (maintenance_work_mem) and alone (no parallel workers: the sessions already use the cores).
 */
export async function restorePostgres(
  url: string,
  restore: Restore[],
  connections: number,
  onStep: () => void,
): Promise<void> {
  for (const phase of [0, 1, 2] as const)
    await inParallel(
      url,
      connections,
      restore
        .filter((r) => r.phase === phase)
        .sort((a, b) => weight(b.table) - weight(a.table))
        .map((r) => r.sql),
      onStep,
    );
}

/** VACUUM ANALYZE table by table over `connections` sessions, the largest first. */
export async function vacuumAnalyze(db: Kysely<DB>, url: string, connections: number): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select quote_ident(tablename) as name from pg_tables where schemaname = current_schema()
    order by pg_total_relation_size(quote_ident(tablename)::regclass) desc`.execute(db);
  await inParallel(
    url,
    connections,
    rows.map((r) => `vacuum analyze ${r.name}`),
    () => {},
  );
}

/** Runs the statements in order over `connections` sessions, each taking the next one when free. */
async function inParallel(url: string, connections: number, statements: string[], onStep: () => void) {
  const queue = [...statements];
  await Promise.all(
    Array.from({ length: Math.min(connections, queue.length) }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`set maintenance_work_mem = '${MAINTENANCE_WORK_MEM}'`);
        await c.query('set max_parallel_maintenance_workers = 0');
        for (let s = queue.shift(); s; s = queue.shift()) {
          await c.query(s);
          onStep();
        }
      } finally {
        await c.end();
      }
    }),
  );
}

const MAINTENANCE_WORK_MEM = '1GB';
const LARGEST_FIRST = ['events', 'problems', 'search_docs', 'complaints', 'problem_units'];
const weight = (table: string) => {
  const i = LARGEST_FIRST.indexOf(table);
  return i < 0 ? 0 : LARGEST_FIRST.length - i;
};
