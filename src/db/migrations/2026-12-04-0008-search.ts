import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { indexAllRecords } from '../search-reindex.js';

/*
 * The text-search index (ARCHITECTURE.md, Search). The application turns text into normalised
 * terms (src/text/search-terms.ts); the engines only index those space-separated terms:
 * - search_docs maps an integer document id to the record (kind, ref_id), both engines;
 * - SQLite: a contentless FTS5 table `search_terms` whose rowid is search_docs.doc_id
 *   (detail=none: queries are ANDs of terms and prefixes, never phrases; a one-character prefix
 *   index serves one-character queries). The `ascii` tokenizer splits only at ASCII
 *   non-alphanumerics, so each of our terms is exactly one token: unicode61's own letter tables
 *   disagree with JavaScript's on a few characters (ᦰ U+19B0…), and a term it split in two
 *   would be a phrase, which detail=none refuses with an error;
 * - PostgreSQL: search_docs.terms, a tsvector built with array_to_tsvector (no parser, so no
 *   locale decides what a CJK "word" is), under a GIN index.
 * Existing problems and complaints are indexed here, in batches.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('search_docs')
    .addColumn('doc_id', postgres ? 'bigint' : 'integer', (c) =>
      postgres ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey(),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_docs_ref_key', ['kind', 'ref_id'])
    .$call((t) => (postgres ? t.addColumn('terms', sql`tsvector`, (c) => c.notNull()) : t))
    .execute();
  if (!postgres) {
    await sql`create virtual table search_terms using fts5(terms, content='', contentless_delete=1, detail=none, prefix='1', tokenize='ascii')`.execute(
      db,
    );
  }
  await indexAllRecords(db, postgres);
  // Built after the backfill: faster than row by row, and no pending list left for searches to scan.
  if (postgres) await sql`create index search_docs_terms_idx on search_docs using gin (terms)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`drop table search_terms`.execute(db);
  await db.schema.dropTable('search_docs').execute();
}
