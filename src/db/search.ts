import { CompiledQuery, type Kysely, sql } from 'kysely';
import {
  complaintSearchDocument,
  problemSearchDocument,
  type SearchKind,
  type SearchRegion,
  sameRegion,
} from '../text/search-documents.js';
import type { SearchQuery } from '../text/search-terms.js';
import { isPostgres, type Query } from './one-statement.js';
import type { DB } from './schema.js';
import { atCommit } from './sqlite-batch-driver.js';

/*
 * The text-search index's engine-specific side (ARCHITECTURE.md, Search; migration
 * 2026-12-04-0008-search): the application makes the terms (src/text), this module writes a
 * record's terms and turns a SearchQuery into "the ids that match", on either engine.
 * - SQLite: search_docs maps (kind, ref_id) to doc_id, the rowid of the FTS5 table search_terms.
 * - PostgreSQL: search_docs.terms is the tsvector, under a GIN index.
 */

/**
 * The writes that make `doc` the indexed document of a record, whether it was indexed before
 * or not: queries to send, in order, with the record's own writes (`together`). One statement
 * on PostgreSQL (an upsert); two on SQLite (the mapping row, then the FTS5 row replaced).
 */
export function searchDocWrites(db: Kysely<DB>, kind: SearchKind, refId: string, doc: string): Query[] {
  if (isPostgres(db)) {
    // No text-search parser: the terms are already split (see the migration for why).
    const terms = sql<string>`array_to_tsvector(string_to_array(${doc}::text, ' '))`;
    return [
      db
        .insertInto('search_docs')
        .values({ kind, ref_id: refId, terms })
        .onConflict((oc) => oc.columns(['kind', 'ref_id']).doUpdateSet({ terms })),
    ];
  }
  return [
    prepared(CompiledQuery.raw(SQLITE_DOC, [kind, refId])),
    // At the batch's COMMIT: FTS5 writes its pending terms at every SAVEPOINT, and each
    // transaction is one (sqlite-batch-driver.ts); this way a batch writes one segment.
    prepared(atCommit(CompiledQuery.raw(SQLITE_TERMS, [doc, kind, refId]))),
  ];
}

// SQLite's two statements are constant, only their values change: no query building per write.
const SQLITE_DOC =
  'insert into search_docs (kind, ref_id) values (?, ?) on conflict (kind, ref_id) do nothing';
// contentless_delete=1 lets a row be replaced in place (its old terms are removed). Nothing is
// written if the mapping row is missing (never a row under a rowid of FTS5's own choosing).
const SQLITE_TERMS =
  'replace into search_terms (rowid, terms) select doc_id, ? from search_docs where kind = ? and ref_id = ?';
const prepared = (q: CompiledQuery): Query => ({ compile: () => q });

/** What of a problem is searchable (search-documents.ts). */
type ProblemText = { code: string; title: string; description: string };

/**
 * A problem's index writes: its document when it is new (`before` null) or when its code,
 * title, description or region changed; none otherwise, so most lifecycle actions write nothing
 * here. `text` is the projection (code, title, description), `region` its row's region columns.
 */
export function problemSearchWrites(
  db: Kysely<DB>,
  before: { text: ProblemText; region: SearchRegion } | null,
  after: { text: ProblemText & { id: string }; region: SearchRegion },
): Query[] {
  const same =
    before &&
    before.text.code === after.text.code &&
    before.text.title === after.text.title &&
    before.text.description === after.text.description &&
    sameRegion(before.region, after.region);
  return same
    ? []
    : searchDocWrites(db, 'problem', after.text.id, problemSearchDocument(after.text, after.region));
}

/** What of a complaint row is indexed (tracking code, content, place, region: never the complainant). */
type ComplaintText = SearchRegion & { id: string; tracking_code: string; content: string; place: string };

/**
 * A complaint's index writes: its document when it is new (`before` null) or when it moved to
 * another region (routing); complaints have no edit of their code, content or place.
 */
export function complaintSearchWrites(db: Kysely<DB>, c: ComplaintText, before?: SearchRegion): Query[] {
  if (before && sameRegion(before, c)) return [];
  return searchDocWrites(
    db,
    'complaint',
    c.id,
    complaintSearchDocument({ trackingCode: c.tracking_code, content: c.content, place: c.place }, c),
  );
}

/**
 * The ids of the records of one kind whose documents match a query: a subquery for
 * `id in (…)`, to combine with any other filter, scope and order of a list.
 */
export function matchingIds(db: Kysely<DB>, kind: SearchKind, query: SearchQuery) {
  if (isPostgres(db)) {
    return db
      .selectFrom('search_docs')
      .select('search_docs.ref_id')
      .where('search_docs.kind', '=', kind)
      .where(sql<boolean>`search_docs.terms @@ ${tsQuery(query)}::tsquery`);
  }
  return db
    .selectFrom('search_terms')
    .innerJoin('search_docs', 'search_docs.doc_id', 'search_terms.rowid')
    .select('search_docs.ref_id')
    .where(sql<boolean>`search_terms match ${ftsQuery(query)}`)
    .where('search_docs.kind', '=', kind);
}

/**
 * Whether a list with a text search should start from the matching ids (one plain query, the
 * matches sorted) rather than from its own index ranges with the match as a semi-join.
 * SQLite: yes; the FTS5 match is cheap, and a match list built for every status slice of a
 * merged page costs more than sorting it once. PostgreSQL: no; per slice the planner picks the
 * GIN index (rare words) or the ordered range with a look-up per row (common words, where
 * sorting every match would read most of the table), from its statistics.
 */
export const searchDrivesList = (db: Kysely<DB>): boolean => !isPostgres(db);

/**
 * FTS5 query syntax: every term a quoted string (`"` doubled inside), a prefix marked `*`,
 * all ANDed: `"垃圾" AND "河"*`. Terms are letters and digits, but nothing here relies on it.
 */
export const ftsQuery = (q: SearchQuery): string =>
  q.terms.map((t) => `"${t.term.replaceAll('"', '""')}"${t.prefix ? '*' : ''}`).join(' AND ');

/**
 * PostgreSQL tsquery syntax: every lexeme quoted (`'` doubled, `\` escaped), a prefix marked
 * `:*`, all ANDed: `'垃圾' & '河':*`. Cast with ::tsquery, so no dictionary changes a term.
 */
export const tsQuery = (q: SearchQuery): string =>
  q.terms
    .map((t) => `'${t.term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'${t.prefix ? ':*' : ''}`)
    .join(' & ');
