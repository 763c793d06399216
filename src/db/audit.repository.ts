import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from './canonical-json.js';
import { insertRow, reusable } from './compiled-statements.js';
import { type Query, together } from './one-statement.js';
import type { AuditLogRow } from './schema.audit.js';
import type { DB } from './schema.js';

/*
 * The audit trail's storage: rows chained per actor and lane (docs/decisions/0004-audit-chain.md,
 * 0009-audit-lanes.md).
 * Lives in db/ because appendEvent (also db/) records every event here in its transaction.
 */

export const AUDIT_HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type AuditHashAlgorithm = (typeof AUDIT_HASH_ALGORITHMS)[number];
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export const isAuditHashAlgorithm = (v: string): v is AuditHashAlgorithm =>
  (AUDIT_HASH_ALGORITHMS as readonly string[]).includes(v);

/** DUBAN_AUDIT_HASH: sha256 (default) or sm3; anything else is refused. */
export function auditHashAlgorithm(
  env: Record<string, string | undefined> = process.env,
): AuditHashAlgorithm {
  const value = (env.DUBAN_AUDIT_HASH || 'sha256').trim().toLowerCase();
  if (!isAuditHashAlgorithm(value))
    throw new Error(`DUBAN_AUDIT_HASH must be sha256 or sm3 (got "${env.DUBAN_AUDIT_HASH}")`);
  return value;
}

const ANONYMOUS_LANES = 8;
/** Lanes per actor (docs/decisions/0009-audit-lanes.md). */
export const ACTOR_LANES = 8;

// An append asks for its lane twice (reading the head, writing the row): remembered briefly.
const recentLanes = new Map<string, number>();
function laneOf(key: string, lanes: number): number {
  const memo = `${lanes}\u0000${key}`;
  const known = recentLanes.get(memo);
  if (known !== undefined) return known;
  const lane = createHash('sha256').update(key).digest().readUInt8(0) % lanes;
  if (recentLanes.size >= 4096) recentLanes.clear();
  recentLanes.set(memo, lane);
  return lane;
}

/** What an audit row is about, which picks the actor's lane. */
export interface AuditResource {
  type: string | null;
  id: string | null;
}

/**
 * The chain a row goes to. An actor's rows spread over ACTOR_LANES lanes by the resource they
 * are about, so one person's writes to different problems (an office registering from several
 * sessions, a batch) do not queue on one head: `actor:<id>` (lane 0, also every row without a
 * resource) and `actor:<id>/<lane>` for lanes 1…7. One resource's rows by one actor always
 * share a lane, so their order is the chain's. Anonymous rows (failed sign-ins, public intake)
 * spread over lanes by client address, so a flood from one address queues behind itself, not
 * in front of everyone.
 */
export function auditChainOf(
  actorId: string | null,
  ip: string | null = null,
  resource: AuditResource | null = null,
): string {
  if (actorId) {
    const lane = resource?.id ? laneOf(`${resource.type ?? ''}\u0000${resource.id}`, ACTOR_LANES) : 0;
    return lane === 0 ? `actor:${actorId}` : `actor:${actorId}/${lane}`;
  }
  const lane = ip ? laneOf(ip, ANONYMOUS_LANES) : 0;
  return `anonymous:${lane}`;
}

/** Hex digest of `prevHash \n canonical(body)` with the named algorithm (both give 64 hex). */
export function chainHash(alg: AuditHashAlgorithm, prevHash: string, body: unknown): string {
  return createHash(alg).update(prevHash).update('\n').update(canonicalJson(body)).digest('hex');
}

/** A row's hash: every column but the hash itself, the algorithm included. */
export function auditRowHash(row: Omit<AuditLogRow, 'hash'> & { hash?: string }): string {
  const { prev_hash, hash: _stored, ...body } = row;
  if (!isAuditHashAlgorithm(row.hash_alg)) throw new Error(`unknown audit hash "${row.hash_alg}"`);
  return chainHash(row.hash_alg, prev_hash, body);
}

export type NewAuditRow = Omit<AuditLogRow, 'chain' | 'seq' | 'prev_hash' | 'hash'>;

/** The chain an entry goes to (its actor's lane for its resource, or an anonymous lane). */
export const auditChainOfEntry = (entry: NewAuditRow): string =>
  auditChainOf(entry.actor_id, entry.ip, { type: entry.resource_type, id: entry.resource_id });

/**
 * Moves a chain's head on by one and returns the new seq and the previous row's hash (the head
 * is created at seq 1 with the genesis hash the first time). Takes the head's row lock on
 * PostgreSQL, which orders the chain's appends until commit: send it as late as possible, and
 * the row and head hash (`auditRowWrites`) in as few round trips after it as possible.
 */
export function advanceAuditHead(db: Kysely<DB>, chain: string) {
  return reusable(db, 'audit-head-advance', { chain }, (a) =>
    db
      .insertInto('audit_heads')
      .values({ chain: a.chain, seq: 1, hash: AUDIT_GENESIS_HASH })
      .onConflict((oc) => oc.column('chain').doUpdateSet((eb) => ({ seq: eb('audit_heads.seq', '+', 1) })))
      .returning(['seq', 'hash']),
  );
}

/** The row for an entry at the head `advanceAuditHead` returned. */
export function chainedAuditRow(
  entry: NewAuditRow,
  chain: string,
  head: { seq: number | string; hash: string },
): AuditLogRow {
  const base = { ...entry, chain, seq: Number(head.seq), prev_hash: head.hash };
  return { ...base, hash: auditRowHash(base) };
}

/** The row and its chain's new head hash: two statements with no order between them. */
export function auditRowWrites(db: Kysely<DB>, row: AuditLogRow): Query[] {
  return [
    insertRow(db, 'audit_log', row as unknown as Record<string, unknown>),
    reusable(db, 'audit-head-hash', { hash: row.hash, chain: row.chain }, (a) =>
      db.updateTable('audit_heads').set({ hash: a.hash }).where('chain', '=', a.chain),
    ),
  ];
}

/**
 * Appends a row to its chain. Joins the caller's transaction (so the action fails when its
 * audit row cannot be written) or opens its own. Two round trips: the head, then the row and
 * the head's hash together.
 */
export async function appendAuditRow(db: Kysely<DB>, entry: NewAuditRow): Promise<AuditLogRow> {
  const chain = auditChainOfEntry(entry);
  const run = async (trx: Kysely<DB>): Promise<AuditLogRow> => {
    const { rows } = await trx.executeQuery<{ seq: number; hash: string }>(advanceAuditHead(trx, chain));
    if (!rows[0]) throw new Error(`audit chain ${chain} has no head`);
    const row = chainedAuditRow(entry, chain, rows[0]);
    await together(trx, {}, auditRowWrites(trx, row));
    return row;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
