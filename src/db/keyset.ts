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
  // biome-ignore lint/suspicious/noExplicitAny: any table with an id and a sortable key column
  query: SelectQueryBuilder<any, any, R>,
  keyColumn: string,
  keyOf: (row: R) => string | null,
  page: { limit?: number; cursor?: string },
): Promise<{ rows: R[]; nextCursor: string | null }> {
  const limit = pageLimit(page.limit);
  const after = decodeCursor(page.cursor);
  const key = sql.ref(keyColumn);
  let q = query;
  if (after) {
    q = q.where((eb) =>
      eb.or([eb(key, '<', after.key), eb.and([eb(key, '=', after.key), eb(sql.ref('id'), '<', after.id)])]),
    );
  }
  const rows = (await q
    .orderBy(key, 'desc')
    .orderBy(sql.ref('id'), 'desc')
    .limit(limit + 1)
    .execute()) as R[];
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const lastKey = last ? keyOf(last) : null;
  return { rows: rows.slice(0, limit), nextCursor: last && lastKey ? encodeCursor(lastKey, last.id) : null };
}
