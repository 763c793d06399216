import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from './canonical-json.js';
import type { AuditLogRow } from './schema.audit.js';
import type { DB } from './schema.js';

/*
 * The audit trail's storage: rows chained per actor (docs/decisions/0004-audit-chain.md).
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

/**
 * The chain a row goes to: one per actor, so appends by different people never wait on each
 * other. Anonymous rows (failed sign-ins, public intake) spread over lanes by client address, so
 * a flood from one address queues behind itself, not in front of everyone.
 */
export function auditChainOf(actorId: string | null, ip: string | null = null): string {
  if (actorId) return `actor:${actorId}`;
  const lane = ip ? createHash('sha256').update(ip).digest().readUInt8(0) % ANONYMOUS_LANES : 0;
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

/**
 * Appends a row to its actor's chain. Joins the caller's transaction (so the action fails when
 * its audit row cannot be written) or opens its own.
 */
export async function appendAuditRow(db: Kysely<DB>, entry: NewAuditRow): Promise<AuditLogRow> {
  const chain = auditChainOf(entry.actor_id, entry.ip);
  const run = async (trx: Kysely<DB>): Promise<AuditLogRow> => {
    let head = await advanceHead(trx, chain);
    if (!head) {
      await trx
        .insertInto('audit_heads')
        .values({ chain, seq: 0, hash: AUDIT_GENESIS_HASH })
        .onConflict((oc) => oc.column('chain').doNothing())
        .execute();
      head = await advanceHead(trx, chain);
    }
    if (!head) throw new Error(`audit chain ${chain} has no head`);
    const base = { ...entry, chain, seq: head.seq, prev_hash: head.hash };
    const row: AuditLogRow = { ...base, hash: auditRowHash(base) };
    await trx.insertInto('audit_log').values(row).execute();
    await trx.updateTable('audit_heads').set({ hash: row.hash }).where('chain', '=', chain).execute();
    return row;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

// Compare-and-set on the head row: on PostgreSQL its row lock orders one chain's appends
// (other chains go on in parallel); SQLite has one writer anyway. RETURNING gives the new seq
// and the previous row's hash, which this statement leaves as it was.
function advanceHead(trx: Kysely<DB>, chain: string) {
  return trx
    .updateTable('audit_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('chain', '=', chain)
    .returning(['seq', 'hash'])
    .executeTakeFirst();
}
