import {
  type AliasableExpression,
  type QueryExecutorProvider,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
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
 * A newest-first page of the rows that pass `keep`, a check the query does not make (a text
 * search checked on each row's own words): the query's rows are read in order, in growing
 * chunks, until the page and one row more are kept or the rows run out. Undefined (nothing to
 * show) once the share kept so far says the page needs more than `maxRows` rows read: the
 * caller then asks an index instead. The cost of a miss is bounded by the first chunk.
 * `test`, a condition that every kept row meets, is made by SQL on each chunk's rows first, so
 * that only the rows passing it come back to be checked.
 */
export async function newestFirstPageWhere<R extends { id: string }>(
  query: KeyedQuery<R>,
  keyColumn: string,
  keyOf: (row: R) => string | null,
  page: { limit?: number; cursor?: string },
  keep: (row: R) => boolean,
  maxRows: number,
  test?: RowTest,
): Promise<{ rows: R[]; nextCursor: string | null } | undefined> {
  const limit = pageLimit(page.limit);
  const want = limit + 1;
  const kept: R[] = [];
  let after = decodeCursor(page.cursor);
  let read = 0;
  let chunk = Math.min(2 * want, maxRows);
  while (chunk > 0) {
    const walked = test
      ? await rowsPassingAfter(query, keyColumn, after, chunk, test)
      : await allRowsAfter(query, keyColumn, after, chunk);
    read += walked.read;
    for (const row of walked.rows) if (kept.length < want && keep(row)) kept.push(row);
    if (kept.length === want || walked.read < chunk) return pageOf(kept, limit, keyOf);
    // Rows still to read for the rest of the page, at the share kept so far (one, if none yet).
    const needed = Math.ceil(((want - kept.length) * read) / Math.max(kept.length, 1));
    const key = walked.tail && keyOf(walked.tail);
    if (!walked.tail || !key || read + needed > maxRows) return undefined;
    after = { key, id: walked.tail.id };
    // What the share predicts, a quarter more, so that one more statement usually finishes.
    chunk = Math.min(Math.max(Math.ceil(needed * 1.25), want), maxRows - read, MAX_CHUNK);
  }
  return undefined;
}

/** A condition SQL tests on a walk's rows (its builder's database runs the statement). */
export interface RowTest {
  db: QueryExecutorProvider;
  condition: AliasableExpression<SqlBool>;
}

// Rows per statement of a filtered walk: large enough to amortise a statement, small enough
// that a walk which finds its page early has not read far past it.
const MAX_CHUNK = 500;

// biome-ignore lint/suspicious/noExplicitAny: any table with an id and a sortable key column
type KeyedQuery<R> = SelectQueryBuilder<any, any, R>;
type Position = { key: string; id: string };

/**
 * Up to `n` rows of the query after the cursor position, newest first by (key column, id); the
 * key column is named as the query's rows name it (no table prefix).
 */
function rowsAfter<R>(query: KeyedQuery<R>, keyColumn: string, after: Position | undefined, n: number) {
  const key = sql.ref(keyColumn);
  let q = query;
  if (after) {
    q = q.where((eb) =>
      eb.or([eb(key, '<', after.key), eb.and([eb(key, '=', after.key), eb(sql.ref('id'), '<', after.id)])]),
    );
  }
  return q.orderBy(key, 'desc').orderBy(sql.ref('id'), 'desc').limit(n);
}

/** A walk's step: the rows it returns, how many it read, and the last of those (to go on from). */
interface Walked<R> {
  rows: R[];
  read: number;
  tail: R | undefined;
}

async function allRowsAfter<R extends { id: string }>(
  query: KeyedQuery<R>,
  keyColumn: string,
  after: Position | undefined,
  n: number,
): Promise<Walked<R>> {
  const rows = (await rowsAfter(query, keyColumn, after, n).execute()) as R[];
  return { rows, read: rows.length, tail: rows[rows.length - 1] };
}

/**
 * The next `n` rows of the walk, of which only those passing the test come back, with the last
 * row read whether it passed or not (to go on from): one statement, its rows numbered by a window.
 */
async function rowsPassingAfter<R extends { id: string }>(
  query: KeyedQuery<R>,
  keyColumn: string,
  after: Position | undefined,
  n: number,
  test: RowTest,
): Promise<Walked<R>> {
  const step = rowsAfter(query.select(test.condition.as('walk_hit')) as KeyedQuery<R>, keyColumn, after, n);
  const { rows } = await sql<
    R & WalkColumns
  >`select * from (select w.*, row_number() over (order by ${sql.ref(keyColumn)} desc, ${sql.ref('id')} desc) as walk_rn, count(*) over () as walk_n from (${step}) as w) as x where walk_hit or walk_rn = walk_n order by walk_rn`.execute(
    test.db,
  );
  const strip = ({ walk_hit, walk_rn, walk_n, ...row }: R & WalkColumns) => row as unknown as R;
  const end = rows.find((r) => Number(r.walk_rn) === Number(r.walk_n));
  return {
    rows: rows.filter((r) => Boolean(r.walk_hit)).map(strip),
    read: end ? Number(end.walk_n) : 0,
    tail: end && strip(end),
  };
}

type WalkColumns = { walk_hit: unknown; walk_rn: number | string; walk_n: number | string };

/** A page of `limit` from rows read with one more: the cursor after the page when more follow. */
function pageOf<R extends { id: string }>(rows: R[], limit: number, keyOf: (row: R) => string | null) {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const lastKey = last ? keyOf(last) : null;
  return { rows: rows.slice(0, limit), nextCursor: last && lastKey ? encodeCursor(lastKey, last.id) : null };
}
