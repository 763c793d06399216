import { type Compilable, type Kysely, PostgresAdapter, sql } from 'kysely';
import { deferLastWrite } from './postgres-commit.js';
import type { DB } from './schema.js';

/*
 * Fewer round trips while a hot row is locked (docs/benchmarks.md, creates on PostgreSQL): a
 * row lock taken by a write is held until COMMIT, so every round trip between that write and
 * the commit is time other transactions queue for the row. `together` sends several queries
 * as one statement on PostgreSQL.
 */

export const isPostgres = (db: Kysely<DB>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** A query builder (select, insert, update, with or without RETURNING). */
export type Query = Compilable<unknown>;
export type Rows = Record<string, unknown>[];
/** Each read's rows; an optional read gives rows only when it was sent. */
export type RowsOf<R> = { [K in keyof R]: undefined extends R[K] ? Rows | undefined : Rows };

/**
 * Runs `reads` (queries giving rows: SELECT, or INSERT/UPDATE … RETURNING), in the order given,
 * then `writes`, and returns each read's rows. PostgreSQL: ONE statement, every query a
 * data-modifying CTE (one round trip). SQLite: one after another (in process, nothing to save).
 *
 * On PostgreSQL the queries share one snapshot: none may read what another of them writes, and
 * no two may change the same row (PostgreSQL refuses or ignores the second change). Reads are
 * evaluated in the order given (their row locks are taken in that order); writes run after.
 */
export async function together<R extends Record<string, Query | undefined>>(
  db: Kysely<DB>,
  reads: R,
  writes: readonly Query[] = [],
): Promise<RowsOf<R>> {
  // An absent read (undefined) is not sent and gives no rows.
  const entries = Object.entries(reads).filter((e): e is [string, Query] => e[1] !== undefined);
  const out = {} as Record<string, Rows>;
  if (!isPostgres(db) || entries.length + writes.length === 1) {
    for (const [key, q] of entries) out[key] = (await db.executeQuery(q)).rows as Rows;
    for (const q of writes) await db.executeQuery(q);
    return out as RowsOf<R>;
  }
  const { rows } = await oneStatement(entries, writes).execute(db);
  entries.forEach(([key], i) => {
    out[key] = rows[0]![`r${i}`]!;
  });
  return out as RowsOf<R>;
}

/** PostgreSQL: the reads and writes as data-modifying CTEs of one statement. */
function oneStatement(entries: readonly (readonly [string, Query])[], writes: readonly Query[]) {
  const ctes = [
    ...entries.map(([, q], i) => sql`${sql.id(`r${i}`)} as (${q})`),
    ...writes.map((q, i) => sql`${sql.id(`w${i}`)} as (${q})`),
  ];
  // Scalar subqueries are evaluated left to right; unreferenced data-modifying CTEs run after.
  const results = entries.length
    ? sql.join(
        entries.map(
          (_, i) =>
            sql`(select coalesce(json_agg(${sql.id(`r${i}`)}), '[]'::json) from ${sql.id(`r${i}`)}) as ${sql.id(`r${i}`)}`,
        ),
      )
    : sql`1 as done`;
  return sql<Record<string, Rows>>`with ${sql.join(ctes)} select ${results}`;
}

/**
 * A transaction's LAST writes (nothing it does afterwards may depend on them but the commit).
 * PostgreSQL: one statement, kept back and sent with the COMMIT in one round trip
 * (src/db/postgres-commit.ts), so the row locks the transaction holds are released one round
 * trip sooner; should another statement follow after all, it is sent first. Outside a
 * transaction, and on SQLite, the writes run now.
 */
export async function lastWrites(db: Kysely<DB>, writes: readonly Query[]): Promise<void> {
  if (!writes.length) return;
  if (!isPostgres(db) || !db.isTransaction) {
    await together(db, {}, writes);
    return;
  }
  const query = writes.length === 1 ? writes[0]!.compile() : oneStatement([], writes).compile(db);
  if (!(await deferLastWrite(db, query))) await db.executeQuery(query);
}
