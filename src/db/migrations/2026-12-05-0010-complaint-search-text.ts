import { type Kysely, sql } from 'kysely';
import { complaintSearchText } from '../../text/search-documents.js';
import { eachBatchById } from '../each-batch.js';

/*
 * Each complaint's searchable texts kept on its row, as search reads them (tracking code,
 * content and place, normalised, one per line): a search within a region walks the complaints
 * newest first and lets SQL pass over the rows that lack the query's words (instr/strpos),
 * instead of sending every row to be checked (docs/search.md, Complaints). Complaints have no
 * edit of those texts, so only a new complaint writes the column. Existing rows are filled in
 * here, in batches by id.
 */
const BATCH = 1000;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('complaints')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await eachBatchById(db, 'complaints', ['tracking_code', 'content', 'place'], BATCH, async (rows) => {
    // One statement a batch: the texts as a VALUES list joined by id (SQLite names a VALUES
    // list's columns only in a WITH).
    const values = rows.map(
      (r) =>
        sql`(${r.id}, ${complaintSearchText({ trackingCode: r.tracking_code, content: r.content, place: r.place })})`,
    );
    await sql`with v (id, text) as (values ${sql.join(values)}) update complaints set search_text = v.text from v where complaints.id = v.id`.execute(
      db,
    );
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('complaints').dropColumn('search_text').execute();
}
