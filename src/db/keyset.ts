import { type SelectQueryBuilder, sql } from 'kysely';
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
  const rows = await rowsAfter(query, keyColumn, decodeCursor(page.cursor), limit + 1);
  return pageOf(rows, limit, keyOf);
}

/**
 * A newest-first page of the rows that pass `keep`, a check the query does not make (a text
 * search checked on each row's own words): the query's rows are read in order, in growing
 * chunks, until the page and one row more are kept or the rows run out. Undefined (nothing to
 * show) once the share kept so far says the page needs more than `maxRows` rows read: the
 * caller then asks an index instead. The cost of a miss is bounded by the first chunk.
 */
export async function newestFirstPageWhere<R extends { id: string }>(
  query: KeyedQuery<R>,
  keyColumn: string,
  keyOf: (row: R) => string | null,
  page: { limit?: number; cursor?: string },
  keep: (row: R) => boolean,
  maxRows: number,
): Promise<{ rows: R[]; nextCursor: string | null } | undefined> {
  const limit = pageLimit(page.limit);
  const want = limit + 1;
  const kept: R[] = [];
  let after = decodeCursor(page.cursor);
  let read = 0;
  let chunk = Math.min(2 * want, maxRows);
  while (chunk > 0) {
    const rows = await rowsAfter(query, keyColumn, after, chunk);
    read += rows.length;
    for (const row of rows) if (kept.length < want && keep(row)) kept.push(row);
    if (kept.length === want || rows.length < chunk) return pageOf(kept, limit, keyOf);
    const last = rows[rows.length - 1]!;
    const key = keyOf(last);
    // Rows still to read for the rest of the page, at the share kept so far (one, if none yet).
    const needed = Math.ceil(((want - kept.length) * read) / Math.max(kept.length, 1));
    if (key === null || read + needed > maxRows) return undefined;
    after = { key, id: last.id };
    // What the share predicts, a quarter more, so that one more statement usually finishes.
    chunk = Math.min(Math.max(Math.ceil(needed * 1.25), want), maxRows - read, MAX_CHUNK);
  }
  return undefined;
}

// Rows per statement of a filtered walk: large enough to amortise a statement, small enough
// that a walk which finds its page early has not read far past it.
const MAX_CHUNK = 500;

// biome-ignore lint/suspicious/noExplicitAny: any table with an id and a sortable key column
type KeyedQuery<R> = SelectQueryBuilder<any, any, R>;

/** Up to `n` rows of the query after the cursor position, newest first by (key column, id). */
async function rowsAfter<R>(
  query: KeyedQuery<R>,
  keyColumn: string,
  after: { key: string; id: string } | undefined,
  n: number,
): Promise<R[]> {
  const key = sql.ref(keyColumn);
  let q = query;
  if (after) {
    q = q.where((eb) =>
      eb.or([eb(key, '<', after.key), eb.and([eb(key, '=', after.key), eb(sql.ref('id'), '<', after.id)])]),
    );
  }
  return (await q.orderBy(key, 'desc').orderBy(sql.ref('id'), 'desc').limit(n).execute()) as R[];
}

/** A page of `limit` from rows read with one more: the cursor after the page when more follow. */
function pageOf<R extends { id: string }>(rows: R[], limit: number, keyOf: (row: R) => string | null) {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const lastKey = last ? keyOf(last) : null;
  return { rows: rows.slice(0, limit), nextCursor: last && lastKey ? encodeCursor(lastKey, last.id) : null };
}
