import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { replay } from '../../src/core/problem.lifecycle.js';
import { eventsOf, firstBrokenLink } from '../../src/db/event.repository.js';
import { problemColumns } from '../../src/db/problem.repository.js';
import type { DB } from '../../src/db/schema.js';
import { complaintSearchDocument, problemSearchDocument } from '../../src/text/search-documents.js';

/**
 * Checks a sample of the loaded problems with src's own code: the event chain has no broken
 * link, and replaying the events rebuilds exactly the stored projection row.
 */
export async function verifySample(db: Kysely<DB>, n: number): Promise<void> {
  const rows = await db.selectFrom('problems').selectAll().orderBy(sql`random()`).limit(n).execute();
  for (const row of rows) {
    const events = await eventsOf(db, row.id);
    const broken = firstBrokenLink(events);
    if (broken !== null) throw new Error(`${row.code}: event chain broken at seq ${broken}`);
    const state = replay(
      events.map((e) => ({
        type: e.type,
        payload: JSON.parse(e.payload),
        at: e.occurred_at,
        actorId: e.actor_id,
      })),
    );
    if (!state) throw new Error(`${row.code}: no events`);
    const rebuilt = problemColumns(state, row, row.illustrative === 1);
    for (const [k, v] of Object.entries(rebuilt)) {
      if (String(v) !== String(row[k as keyof typeof row]))
        throw new Error(`${row.code}: ${k} differs from the replayed events`);
    }
  }
}

/** A sample of complaints: unbroken chains, a version equal to the event count, a sealed complainant unless anonymous. */
export async function verifyComplaintSample(db: Kysely<DB>, n: number): Promise<void> {
  const rows = await db.selectFrom('complaints').selectAll().orderBy(sql`random()`).limit(n).execute();
  for (const row of rows) {
    const events = await eventsOf(db, row.id);
    const broken = firstBrokenLink(events);
    if (broken !== null) throw new Error(`complaint ${row.id}: event chain broken at seq ${broken}`);
    if (events.length !== row.version)
      throw new Error(`complaint ${row.id}: version ${row.version}, ${events.length} events`);
    const sealed = await db
      .selectFrom('complainant_identities')
      .select('complaint_id')
      .where('complaint_id', '=', row.id)
      .executeTakeFirst();
    if (Boolean(sealed) === (row.anonymous === 1))
      throw new Error(`complaint ${row.id}: identity does not match anonymous`);
  }
}

/**
 * The search index: one document per problem and complaint (and, on SQLite, one FTS5 row per
 * document), and for a sample of each kind the stored terms are exactly the document src
 * builds from the record now (PostgreSQL: the same tsvector; SQLite: the FTS5 row answers a
 * query for all of the document's terms).
 */
export async function verifySearchSample(db: Kysely<DB>, n: number): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const one = async (q: ReturnType<typeof sql<{ n: number | string }>>) =>
    Number((await q.execute(db)).rows[0]!.n);
  const records =
    (await one(sql`select count(*) as n from problems`)) +
    (await one(sql`select count(*) as n from complaints`));
  const docs = await one(sql`select count(*) as n from search_docs`);
  if (docs !== records)
    throw new Error(`search_docs: ${docs} documents for ${records} problems and complaints`);
  if (!postgres) {
    const rows = await one(sql`select count(*) as n from search_terms_docsize`);
    if (rows !== docs) throw new Error(`search_terms: ${rows} FTS5 rows for ${docs} documents`);
  }
  type Region = {
    region_code: string;
    province_code: string;
    city_code: string | null;
    county_code: string | null;
  };
  const problems = await sql<{ doc_id: number; code: string; title: string; state: string } & Region>`
    select d.doc_id, p.code, p.title, p.state, p.region_code, p.province_code, p.city_code, p.county_code from search_docs d join problems p on p.id = d.ref_id
    where d.kind = 'problem' order by random() limit ${n}`.execute(db);
  const complaints = await sql<
    { doc_id: number; tracking_code: string; content: string; place: string } & Region
  >`
    select d.doc_id, c.tracking_code, c.content, c.place, c.region_code, c.province_code, c.city_code, c.county_code from search_docs d join complaints c on c.id = d.ref_id
    where d.kind = 'complaint' order by random() limit ${n}`.execute(db);
  const expected = [
    ...problems.rows.map((r) => ({
      docId: Number(r.doc_id),
      document: problemSearchDocument(
        {
          code: r.code,
          title: r.title,
          description: (JSON.parse(r.state) as { description?: string }).description ?? '',
        },
        r,
      ),
    })),
    ...complaints.rows.map((r) => ({
      docId: Number(r.doc_id),
      document: complaintSearchDocument(
        { trackingCode: r.tracking_code, content: r.content, place: r.place },
        r,
      ),
    })),
  ];
  for (const { docId, document } of expected) {
    const same = postgres
      ? await one(sql`select count(*) as n from search_docs
          where doc_id = ${docId} and terms = array_to_tsvector(string_to_array(${document}, ' '))`)
      : await one(sql`select count(*) as n from search_terms
          where search_terms match ${document
            .split(' ')
            .map((t) => `"${t}"`)
            .join(' ')} and rowid = ${docId}`);
    if (same !== 1) throw new Error(`search document ${docId} differs from its record's terms`);
  }
}
