import { type Kysely, sql } from 'kysely';
import { complaintSearchDocument, problemSearchDocument } from '../text/search-documents.js';
import { eachBatchById } from './each-batch.js';

/*
 * The search index written whole, for the migrations that create or rebuild it (ARCHITECTURE.md,
 * Search): every record's document, in batches of BATCH, by id.
 */
const BATCH = 1000;

/**
 * Writes the document of every problem and complaint, by the current rules (search-documents.ts),
 * into an empty index: migrations 0008 (the first index) and 0009 (rebuilt after a rule change).
 */
export async function indexAllRecords(db: Kysely<any>, postgres: boolean): Promise<void> {
  const insert = async (kind: string, docs: { id: string; terms: string }[]) => {
    if (!docs.length) return;
    const rows = await db
      .insertInto('search_docs')
      .values(
        docs.map((d) =>
          postgres
            ? { kind, ref_id: d.id, terms: sql`array_to_tsvector(string_to_array(${d.terms}, ' '))` }
            : { kind, ref_id: d.id },
        ),
      )
      .returning(['doc_id', 'ref_id'])
      .execute();
    if (postgres) return;
    const terms = new Map(docs.map((d) => [d.id, d.terms]));
    await db
      .insertInto('search_terms')
      .values(rows.map((r) => ({ rowid: r.doc_id, terms: terms.get(r.ref_id) })))
      .execute();
  };

  const regionColumns = ['region_code', 'province_code', 'city_code', 'county_code'];
  // Every row of a table, BATCH at a time by id, its documents written as each batch is read.
  const indexTable = (kind: string, table: string, columns: string[], documentOf: (r: any) => string) =>
    eachBatchById(db, table, [...columns, ...regionColumns], BATCH, (rows) =>
      insert(
        kind,
        rows.map((r) => ({ id: r.id, terms: documentOf(r) })),
      ),
    );
  await indexTable('problem', 'problems', ['code', 'title', 'state'], (r) =>
    problemSearchDocument(
      {
        code: r.code,
        title: r.title,
        description: (JSON.parse(r.state) as { description?: string }).description ?? '',
      },
      r,
    ),
  );
  await indexTable('complaint', 'complaints', ['tracking_code', 'content', 'place'], (r) =>
    complaintSearchDocument({ trackingCode: r.tracking_code, content: r.content, place: r.place }, r),
  );
}
