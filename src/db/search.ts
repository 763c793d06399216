import { CompiledQuery, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { ScopeClause } from '../core/scope.js';
import {
  complaintSearchDocument,
  problemSearchDocument,
  regionTerm,
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
 * Whether a text column contains every one of `parts` (true for none), on either engine: the
 * SQL side of a walk that checks rows' own words (complaint.queries.ts).
 */
export function containsAll(db: Kysely<DB>, column: string, parts: readonly string[]): RawBuilder<SqlBool> {
  const find = isPostgres(db) ? 'strpos' : 'instr';
  const tests = parts.map((p) => sql<SqlBool>`${sql.raw(find)}(${sql.ref(column)}, ${p}) > 0`);
  return tests.length ? sql<SqlBool>`(${sql.join(tests, sql` and `)})` : sql<SqlBool>`1 = 1`;
}

/**
 * A query narrowed to regions: the query's terms ANDed with each region's marker term, so the
 * index answers with the region's matches only. Only an accelerator: the list keeps its own
 * region and scope conditions on the rows (a record's document holds every code of its region
 * columns, so a row in the region always matches the term).
 */
export function inRegions(query: SearchQuery, codes: readonly string[]): SearchQuery {
  const known = new Set(query.terms.map((t) => t.term));
  const more = [...new Set(codes)].map(regionTerm).filter((t) => !known.has(t));
  return { terms: [...query.terms, ...more.map((term) => ({ term, prefix: false }))] };
}

/**
 * The regions a search may ask the index for (their marker terms): the list's region filter,
 * and the reader's region when their scope is that one region subtree. Every row the list can
 * return is in all of them, so the terms only narrow what the index reads.
 */
export function searchRegions(
  regionCode: string | undefined,
  scope: readonly ScopeClause[] | undefined,
): string[] {
  const codes = regionCode ? [regionCode] : [];
  const only = scope?.length === 1 ? scope[0] : undefined;
  if (only?.kind === 'region') codes.push(only.region.code);
  return codes;
}

/**
 * How a list with a text search runs: `matches`, from the (region's) matching records, joined
 * to the rows, filtered, sorted, paged; or `walk`, along the list's own ordered index ranges,
 * each row checked against its document, stopping at the page. The first reads every match,
 * the second reads rows until a page of matches: `matches` when the matches are few.
 */
export type SearchPlan = 'matches' | 'walk';

/**
 * Up to how many matches a list starts from them (a bounded count decides, chooseSearchPlan),
 * per engine, measured at 100k problems (docs/benchmarks.md, text search): from the matches a
 * match costs a row read by key and its share of the sort (~15 µs on either engine); walking,
 * a row costs its probe: ~5 µs on PostgreSQL (the document by key, `@@` on it), but 10–300 µs
 * on SQLite, where FTS5 finds a rowid in a long doclist by reading the doclist up to it. So
 * SQLite walks only when nearly every row of a big region matches. PostgreSQL's ~5 µs holds
 * only while the documents are cached: at 1M problems a walk read each walked row's document
 * from disk and a province search (1,800 matches, bound 500) took 6.9 s under 32 connections,
 * so PostgreSQL now starts from the matches up to the same bound as SQLite. `override` is for
 * tests: 0 always walks, Infinity always starts from the matches.
 */
export const searchPlanning: { override?: number } = {};
const MATCHES_FIRST_UP_TO = { sqlite: 4000, postgres: 4000 };

/**
 * How many rows a list that checks each row's own words (keyset.ts newestFirstPageWhere: the
 * complaints, whose rows keep their normalised text) reads for a page of `limit` before it asks
 * the index instead: 20 per row of the page, so it keeps reading while about one row in 20
 * matches. SQL passes over a row in ~2 µs at 1M on SQLite (its words tested by instr); from
 * the index, a match costs ~15 µs plus its share of reading and sorting all the region's matches.
 * `searchPlanning.override` for tests: 0 always checks rows, Infinity never, n reads n rows.
 */
export function searchWalkRows(limit: number): number {
  const o = searchPlanning.override;
  if (o === undefined) return WALK_ROWS_PER_ROW * (limit + 1);
  return o === 0 ? Number.POSITIVE_INFINITY : Number.isFinite(o) ? o : 0;
}
const WALK_ROWS_PER_ROW = 20;

/**
 * The plan for a search (SearchPlan): counts the matches up to the bound (SQLite reads at most
 * bound + 1 documents; PostgreSQL's GIN bitmap intersects the posting lists whole, then stops
 * fetching at bound + 1), never from a planner's estimate
 * (PostgreSQL multiplies the bigrams' frequencies as if independent: 4 rows expected for
 * '垃圾' & '圾填' & '填埋', 2,379 found).
 */
export async function chooseSearchPlan(
  db: Kysely<DB>,
  kind: SearchKind,
  query: SearchQuery,
): Promise<SearchPlan> {
  const bound = searchPlanning.override ?? MATCHES_FIRST_UP_TO[isPostgres(db) ? 'postgres' : 'sqlite'];
  if (bound <= 0) return 'walk';
  if (!Number.isFinite(bound)) return 'matches';
  const row = await db
    .selectFrom(
      matchingIds(db, kind, query)
        .limit(bound + 1)
        .as('m'),
    )
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) <= bound ? 'matches' : 'walk';
}

/**
 * Whether the record whose id is `idRef` (`problems.id`, `complaints.id`) matches, checked for
 * that one row: its document by (kind, ref_id), then the match on that document alone (SQLite:
 * FTS5 with the rowid given; PostgreSQL: a scalar subquery, which the planner never turns into
 * a join over every match). For the `walk` plan.
 */
export function rowMatches(db: Kysely<DB>, kind: SearchKind, query: SearchQuery, idRef: string) {
  const id = sql.ref(idRef);
  if (isPostgres(db)) {
    return sql<boolean>`(select search_docs.terms from search_docs where search_docs.kind = ${kind} and search_docs.ref_id = ${id}) @@ ${tsQuery(query)}::tsquery`;
  }
  return sql<boolean>`exists (select 1 from search_docs cross join search_terms on search_terms.rowid = search_docs.doc_id where search_docs.kind = ${kind} and search_docs.ref_id = ${id} and search_terms match ${ftsQuery(query)})`;
}

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
