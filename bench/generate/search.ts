import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/db/schema.js';

/*
 * The search index of the generated records (migration 0008). The workers and the complaints'
 * loader write each record's document with its rows (batch.ts: search_docs, with the terms in
 * FTS5 on SQLite, as a tsvector on PostgreSQL); problem i is document i + 1, complaint j
 * document problems + j + 1, so the same seed gives the same documents under the same ids.
 * The migration's own backfill ran on the empty database before the load and found nothing.
 */

/**
 * PostgreSQL: search_docs.doc_id is an identity column, and COPY wrote the ids itself (as
 * OVERRIDING SYSTEM VALUE would): move its sequence past them so the server's next document
 * does not collide.
 */
export async function continueDocIds(db: Kysely<DB>): Promise<void> {
  await sql`select setval(pg_get_serial_sequence('search_docs', 'doc_id'), max(doc_id))
    from search_docs having count(*) > 0`.execute(db);
}

const ftsCommand = (sqlite: SQLite.Database, command: string, value?: number) =>
  value === undefined
    ? sqlite.exec(`insert into search_terms(search_terms) values ('${command}')`)
    : sqlite.exec(`insert into search_terms(search_terms, rank) values ('${command}', ${value})`);

/**
 * SQLite, before the load: no incremental merging while the workers write. Each commit leaves
 * a segment; FTS5 merges 16 of a level at once when they pile up (crisismerge), and the rest
 * once at the end (optimizeFts). With the default automerge (4) inserting took twice as long
 * (1.7 s against 3.4 s for 100k problems' documents in transactions of 1,000, one thread).
 */
export function deferFtsMerges(sqlite: SQLite.Database): void {
  ftsCommand(sqlite, 'automerge', 0);
}

/**
 * SQLite, after the load: merges the segments left into one b-tree per term ('optimize'), and
 * puts back FTS5's default automerge (4) for the server's writes.
 */
export function optimizeFts(sqlite: SQLite.Database): void {
  ftsCommand(sqlite, 'optimize');
  ftsCommand(sqlite, 'automerge', 4);
}

/** SQLite: how many FTS5 segments the index has (each a b-tree of terms a query visits). */
export const ftsSegments = (sqlite: SQLite.Database): number =>
  (sqlite.prepare('select count(distinct segid) as n from search_terms_idx').get() as { n: number }).n;
