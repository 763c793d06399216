import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { fieldError, invalid } from '../core/errors.js';

/** Keyset cursor over (sort key, id), opaque to clients. */
export const encodeCursor = (key: string, id: string) =>
  Buffer.from(JSON.stringify([key, id])).toString('base64url');

export function decodeCursor(cursor: string | undefined): { key: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) {
      return { key: parsed[0] as string, id: parsed[1] as string };
    }
  } catch {
    // fall through: a cursor we did not issue
  }
  throw invalid([fieldError('cursor', '分页游标无效', 'Invalid cursor')]);
}

export const pageLimit = (limit: number | undefined) => Math.min(Math.max(Math.trunc(limit ?? 50), 1), 200);

/**
 * One page, newest first by (key column, id), read from the index on those columns: only the
 * page and one row more (to know whether another page follows) are fetched.
 */
export async function newestFirstPage<R extends { id: string }>(
  query: KeyedQuery<R>,
  keyColumn: string,
  keyOf: (row: R) => string | null,
  page: { limit?: number; cursor?: string },
): Promise<{ rows: R[]; nextCursor: string | null }> {
  const limit = pageLimit(page.limit);
  const rows = (await rowsAfter(query, keyColumn, decodeCursor(page.cursor), limit + 1).execute()) as R[];
  return pageOf(rows, limit, keyOf);
}

/**
 * A newest-first page of the rows that pass `test`, a condition SQL makes on each row (a text
 * search's words in the row's kept text), and then `keep`, the exact check in JavaScript, reading
 * at most `maxRows` of the query's rows from the cursor on: the position of the last of those
 * bounds the statement, so SQL passes over no more. Undefined (nothing to show) when the bound
 * was reached before the page and one row more were kept: the caller then asks an index instead.
 */
export async function newestFirstPageWhere<R extends { id: string }>(
  query: KeyedQuery<R>,
  keyColumn: string,
  keyOf: (row: R) => string | null,
  page: { limit?: number; cursor?: string },
  check: { test: Expression<SqlBool>; keep: (row: R) => boolean },
  maxRows: number,
): Promise<{ rows: R[]; nextCursor: string | null } | undefined> {
  const limit = pageLimit(page.limit);
  const want = limit + 1;
  let after = decodeCursor(page.cursor);
  // The last row within the bound, and whether any follows it: an index-only read where the
  // query's conditions are indexed.
  let bounded = query.where(check.test);
  let cut = false;
  if (Number.isFinite(maxRows)) {
    if (maxRows < 1) return undefined;
    const [last, beyond] = (await rowsAfter(
      query.clearSelect().select(POSITION(keyColumn)),
      keyColumn,
      after,
      2,
    )
      .offset(maxRows - 1)
      .execute()) as Position[];
    if (last && beyond) {
      cut = true;
      bounded = beyondPosition(bounded, keyColumn, 'id', '>=', last);
    }
  }
  const kept: R[] = [];
  // Rows SQL passes but the check turns away are rare (a word found inside another): asked
  // again from the last one, twice as many each time.
  for (let ask = want; ; ask = Math.min(2 * ask, MAX_CHUNK)) {
    const rows = (await rowsAfter(bounded, keyColumn, after, ask).execute()) as R[];
    for (const row of rows) if (kept.length < want && check.keep(row)) kept.push(row);
    if (kept.length === want) return pageOf(kept, limit, keyOf);
    // SQL found no more within the bound: the page is complete unless the bound cut it short.
    if (rows.length < ask) return cut ? undefined : pageOf(kept, limit, keyOf);
    const tail = rows[rows.length - 1]!;
    const key = keyOf(tail);
    if (key === null) return undefined;
    after = { key, id: tail.id };
  }
}

// Rows per statement when the exact check turns rows away: bounded, so a page ends its reads soon.
const MAX_CHUNK = 500;

const POSITION = (keyColumn: string) => [
  sql.ref<string>(keyColumn).as('key'),
  sql.ref<string>('id').as('id'),
];

// biome-ignore lint/suspicious/noExplicitAny: any table with an id and a sortable key column
type KeyedQuery<R> = SelectQueryBuilder<any, any, R>;
export type Position = { key: string; id: string };

/**
 * Up to `n` rows of the query after the cursor position, newest first by (key column, id); the
 * key column is named as the query's rows name it (no table prefix).
 */
function rowsAfter<R>(query: KeyedQuery<R>, keyColumn: string, after: Position | undefined, n: number) {
  const q = after ? beyondPosition(query, keyColumn, 'id', '<', after) : query;
  return q.orderBy(sql.ref(keyColumn), 'desc').orderBy(sql.ref('id'), 'desc').limit(n);
}

/**
 * The rows of `query` beyond a position in an order by (key, id), compared as a pair: `<` after
 * a cursor going newest first, `>` after one going oldest first, `>=` at or after a bound. The
 * comparison on the key alone goes first: SQLite takes no index range from the OR when its
 * values are bound parameters, and without one it read a region's rows from the far end (a
 * bounded complaint walk at 1M: 3.3 ms instead of 0.2).
 */
export function beyondPosition<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  keyColumn: string,
  idColumn: string,
  op: '<' | '>' | '>=',
  at: Position,
): SelectQueryBuilder<DB, TB, O> {
  const key = sql.ref(keyColumn);
  const keyOp = op === '<' ? '<=' : '>=';
  const strict = op === '<' ? '<' : '>';
  return query
    .where(key, keyOp, at.key)
    .where((eb) =>
      eb.or([eb(key, strict, at.key), eb.and([eb(key, '=', at.key), eb(sql.ref(idColumn), op, at.id)])]),
    );
}

/** A page of `limit` from rows read with one more: the cursor after the page when more follow. */
function pageOf<R extends { id: string }>(rows: R[], limit: number, keyOf: (row: R) => string | null) {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const lastKey = last ? keyOf(last) : null;
  return { rows: rows.slice(0, limit), nextCursor: last && lastKey ? encodeCursor(lastKey, last.id) : null };
}
