import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { indexAllRecords } from '../search-reindex.js';

/*
 * The search index rebuilt after a change of the document rules (src/text/search-terms.ts): a
 * run of letters and digits no longer takes in the Han characters after it, so `COD超标排放`
 * is the word `cod` and the bigrams 超标 标排 排放 (it was one word, `cod超标排放`, which no
 * search for 超标 found). Every document is written again by the current rules.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    // Built again after the backfill, as in 0008.
    await sql`drop index if exists search_docs_terms_idx`.execute(db);
  } else {
    await sql`insert into search_terms (search_terms) values ('delete-all')`.execute(db);
  }
  await db.deleteFrom('search_docs').execute();
  await indexAllRecords(db, postgres);
  if (postgres) await sql`create index search_docs_terms_idx on search_docs using gin (terms)`.execute(db);
}

/** Nothing to undo: the documents by the older rule are not needed by any older code to work. */
export async function down(): Promise<void> {}
