import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  advanceAuditHead,
  auditChainOf,
  auditHashAlgorithm,
  auditRowWrites,
  chainedAuditRow,
  type NewAuditRow,
} from './audit.repository.js';
import { canonicalJson } from './canonical-json.js';
import { insertRow, reusable } from './compiled-statements.js';
import { type Query, type Rows, together } from './one-statement.js';
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

/** An event's row, chained to the previous event's hash. */
export function eventRowOf(e: NewEvent, prevHash: string): EventRow {
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
  return { ...base, prev_hash: prevHash, hash: eventHash(prevHash, base) };
}

/*
 * Every change event is audited in the same transaction. The audit row shares the event's id and
 * carries its seq and hash: the sealed audit chain then vouches for the event chains too, so a
 * rewritten or truncated event chain no longer matches its audit records.
 */
const eventAuditEntry = (e: EventRow): NewAuditRow => ({
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

/** Which event an append is for, before its content is known. */
export type EventSlot = Pick<NewEvent, 'aggregateType' | 'aggregateId' | 'seq' | 'actorId'>;

/** The audit chain (the actor's lane for the aggregate) the event's record goes to. */
export const eventAuditChain = (e: EventSlot): string =>
  auditChainOf(e.actorId, null, { type: e.aggregateType, id: e.aggregateId });

/**
 * What an append reads before it can hash: the audit chain's head (`head`, advanced and locked
 * until commit) and, after the first event, the previous event's hash (`prev`). Send them in one
 * statement (`together`), as late as possible in the transaction, with the caller's own reads.
 */
export function eventReads(trx: Kysely<DB>, e: EventSlot): EventReads<Query> {
  const head = advanceAuditHead(trx, eventAuditChain(e));
  if (e.seq === 1) return { head };
  const prev = reusable(trx, 'event-prev-hash', { id: e.aggregateId, seq: e.seq - 1 }, (a) =>
    trx.selectFrom('events').select('hash').where('aggregate_id', '=', a.id).where('seq', '=', a.seq),
  );
  return { head, prev };
}

/** The audit lane's head and, after the first event, the previous event (no chain before it). */
type EventReads<T> = { head: T; prev?: T };

/**
 * The event and its audit record from what `eventReads` returned, and the statements that write
 * them (the event, the audit row, the head's hash): send them together, with the caller's other
 * writes, right before the commit.
 */
export function eventWrites(
  trx: Kysely<DB>,
  e: NewEvent,
  read: EventReads<Rows>,
): { row: EventRow; writes: Query[] } {
  const prev = read.prev?.[0] as { hash: string } | undefined;
  if (e.seq > 1 && !prev) throw new Error(`event chain broken: ${e.aggregateId} has no event ${e.seq - 1}`);
  const row = eventRowOf(e, prev?.hash ?? GENESIS_HASH);
  const chain = eventAuditChain(e);
  const head = read.head[0] as { seq: number; hash: string } | undefined;
  if (!head) throw new Error(`audit chain ${chain} has no head`);
  const audit = chainedAuditRow(eventAuditEntry(row), chain, head);
  return {
    row,
    writes: [
      insertRow(trx, 'events', row as unknown as Record<string, unknown>),
      ...auditRowWrites(trx, audit),
    ],
  };
}

/**
 * Appends one event and its audit record, in two statements on PostgreSQL (the reads, then the
 * writes). Call inside the transaction that updated the projection with compare-and-set: that
 * row lock (or SQLite's single writer) orders events per aggregate, and the unique
 * (aggregate_id, seq) index is the backstop.
 */
export async function appendEvent(trx: Kysely<DB>, e: NewEvent): Promise<EventRow> {
  const read = await together(trx, eventReads(trx, e));
  const { row, writes } = eventWrites(trx, e, read);
  await together(trx, {}, writes);
  return row;
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
