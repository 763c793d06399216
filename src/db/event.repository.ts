import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAuditRow, auditHashAlgorithm } from './audit.repository.js';
import { canonicalJson } from './canonical-json.js';
import type { DB, EventRow } from './schema.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface NewEvent {
  id: string;
  aggregateType: 'problem' | 'complaint' | 'campaign' | 'work_group' | 'site_visit' | 'unit' | 'user';
  aggregateId: string;
  /** The aggregate's version after this event: 1 for the creating event. */
  seq: number;
  type: string;
  actorId: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** The hash of one event, chained to the previous event of the same aggregate. */
export function eventHash(prevHash: string, e: Omit<EventRow, 'hash' | 'prev_hash'>): string {
  const body = canonicalJson({ ...e, payload: JSON.parse(e.payload) });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends one event and its audit record. Call inside the transaction that updated the
 * projection with compare-and-set: that row lock (or SQLite's single writer) orders events per
 * aggregate, and the unique (aggregate_id, seq) index is the backstop.
 */
export async function appendEvent(trx: Kysely<DB>, e: NewEvent): Promise<EventRow> {
  const prev =
    e.seq === 1
      ? undefined
      : await trx
          .selectFrom('events')
          .select('hash')
          .where('aggregate_id', '=', e.aggregateId)
          .where('seq', '=', e.seq - 1)
          .executeTakeFirst();
  if (e.seq > 1 && !prev) throw new Error(`event chain broken: ${e.aggregateId} has no event ${e.seq - 1}`);
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const base = {
    id: e.id,
    aggregate_type: e.aggregateType,
    aggregate_id: e.aggregateId,
    seq: e.seq,
    type: e.type,
    actor_id: e.actorId,
    occurred_at: e.occurredAt,
    payload: JSON.stringify(e.payload),
  };
  const row: EventRow = { ...base, prev_hash: prevHash, hash: eventHash(prevHash, base) };
  await trx.insertInto('events').values(row).execute();
  await auditEvent(trx, row);
  return row;
}

/*
 * Every change event is audited in the same transaction. The audit row shares the event's id and
 * carries its seq and hash: the sealed audit chain then vouches for the event chains too, so a
 * rewritten or truncated event chain no longer matches its audit records.
 */
async function auditEvent(trx: Kysely<DB>, e: EventRow): Promise<void> {
  await appendAuditRow(trx, {
    id: e.id,
    occurred_at: e.occurred_at,
    actor_id: e.actor_id,
    action: e.type,
    resource_type: e.aggregate_type,
    resource_id: e.aggregate_id,
    outcome: 'success',
    ip: null,
    detail: JSON.stringify({ eventSeq: e.seq, eventHash: e.hash }),
    hash_alg: auditHashAlgorithm(),
  });
}

export async function eventsOf(db: Kysely<DB>, aggregateId: string): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('aggregate_id', '=', aggregateId).orderBy('seq').execute();
}

/** Re-computes an aggregate's chain; returns the first seq whose link is broken, or null. */
export function firstBrokenLink(rows: readonly EventRow[]): number | null {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of rows) {
    const { hash, prev_hash, ...base } = r;
    if (r.seq !== expectedSeq || prev_hash !== prevHash || eventHash(prevHash, base) !== hash)
      return expectedSeq;
    prevHash = hash;
    expectedSeq++;
  }
  return null;
}
