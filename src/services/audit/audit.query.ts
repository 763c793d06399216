import type { Kysely, SelectQueryBuilder } from 'kysely';
import { fieldError, invalid } from '../../core/errors.js';
import type { AuditLogRow } from '../../db/schema.audit.js';
import type { DB } from '../../db/schema.js';

/** Filters of the audit page; `from` inclusive, `to` exclusive (ISO instants). */
export interface AuditFilter {
  actorId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: string;
  to?: string;
}

export interface AuditPage {
  rows: AuditLogRow[];
  nextCursor: string | null;
}

const encodeCursor = (r: AuditLogRow) =>
  Buffer.from(`${r.occurred_at}|${r.id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id) throw invalid([fieldError('cursor', '游标无效', 'is not a cursor from this list')]);
  return { at, id };
}

// Stored instants are toISOString() text, so bounds are normalised the same way to compare as text.
function instant(value: string, field: string): string {
  const t = new Date(value);
  if (Number.isNaN(t.getTime()))
    throw invalid([fieldError(field, '时间格式不正确', 'is not an ISO instant')]);
  return t.toISOString();
}

function filtered(db: Kysely<DB>, f: AuditFilter): SelectQueryBuilder<DB, 'audit_log', AuditLogRow> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.resourceType) q = q.where('resource_type', '=', f.resourceType);
  if (f.resourceId) q = q.where('resource_id', '=', f.resourceId);
  if (f.from) q = q.where('occurred_at', '>=', instant(f.from, 'from'));
  if (f.to) q = q.where('occurred_at', '<', instant(f.to, 'to'));
  return q;
}

/** One keyset page, newest first (time, then id). Reads limit+1 rows, no more. */
export async function queryAuditPage(
  db: Kysely<DB>,
  f: AuditFilter,
  page: { limit: number; cursor?: string },
): Promise<AuditPage> {
  let q = filtered(db, f);
  if (page.cursor) {
    const after = decodeCursor(page.cursor);
    q = q.where((eb) =>
      eb.or([
        eb('occurred_at', '<', after.at),
        eb.and([eb('occurred_at', '=', after.at), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const last = pageRows.at(-1);
  return { rows: pageRows, nextCursor: more && last ? encodeCursor(last) : null };
}

/** Every matching row, newest first, up to `max`. */
export function queryAuditAll(db: Kysely<DB>, f: AuditFilter, max: number): Promise<AuditLogRow[]> {
  return filtered(db, f).orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(max).execute();
}
