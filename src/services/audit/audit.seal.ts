import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import {
  AUDIT_GENESIS_HASH,
  type AuditHashAlgorithm,
  auditHashAlgorithm,
  chainHash,
  isAuditHashAlgorithm,
} from '../../db/audit.repository.js';
import { canonicalJson } from '../../db/canonical-json.js';
import type { AuditCheckpointRow } from '../../db/schema.audit.js';
import type { DB } from '../../db/schema.js';

/** `{ chain: [seq, hash] }`: what a checkpoint vouches for. */
export type SealedHeads = Record<string, [number, string]>;

/** A checkpoint's hash, chained to the previous checkpoint. */
export function checkpointHash(row: Omit<AuditCheckpointRow, 'hash'> & { hash?: string }): string {
  const { prev_hash, hash: _stored, ...body } = row;
  if (!isAuditHashAlgorithm(row.hash_alg)) throw new Error(`unknown audit hash "${row.hash_alg}"`);
  return chainHash(row.hash_alg, prev_hash, body);
}

/** The latest sealed head of every chain, over all checkpoints in order. */
export function sealedHeads(checkpoints: readonly Pick<AuditCheckpointRow, 'heads'>[]): Map<string, number> {
  const heads = new Map<string, number>();
  for (const c of checkpoints)
    for (const [chain, [seq]] of Object.entries(JSON.parse(c.heads) as SealedHeads)) heads.set(chain, seq);
  return heads;
}

/**
 * Seals the audit trail: writes a checkpoint holding the head (seq and hash) of every chain that
 * grew since the previous one, chained to it. Returns null when nothing grew. After a seal, an
 * edit or deletion anywhere up to those heads no longer matches. Concurrent seals: one of them
 * fails on the unique checkpoint seq and changes nothing.
 */
export async function sealAudit(
  db: Kysely<DB>,
  now: Date,
  options: { hashAlgorithm?: AuditHashAlgorithm } = {},
): Promise<AuditCheckpointRow | null> {
  const alg = options.hashAlgorithm ?? auditHashAlgorithm();
  const seal = async (trx: Kysely<DB>): Promise<AuditCheckpointRow | null> => {
    const checkpoints = await trx
      .selectFrom('audit_checkpoints')
      .select(['seq', 'heads', 'hash'])
      .orderBy('seq')
      .execute();
    const sealed = sealedHeads(checkpoints);
    // The head's hash is read from the row itself, not from the mutable head table.
    const heads = await trx
      .selectFrom('audit_heads as h')
      .innerJoin('audit_log as l', (j) => j.onRef('l.chain', '=', 'h.chain').onRef('l.seq', '=', 'h.seq'))
      .select(['h.chain', 'h.seq', 'l.hash'])
      .orderBy('h.chain')
      .execute();
    const grown = heads.filter((h) => sealed.get(h.chain) !== h.seq);
    if (!grown.length) return null;
    const last = checkpoints.at(-1);
    const base = {
      id: uuidv7(),
      seq: (last?.seq ?? 0) + 1,
      sealed_at: now.toISOString(),
      heads: canonicalJson(Object.fromEntries(grown.map((h) => [h.chain, [h.seq, h.hash]]))),
      hash_alg: alg,
      prev_hash: last?.hash ?? AUDIT_GENESIS_HASH,
    };
    const row: AuditCheckpointRow = { ...base, hash: checkpointHash(base) };
    await trx.insertInto('audit_checkpoints').values(row).execute();
    return row;
  };
  return db.isTransaction ? seal(db) : db.transaction().execute(seal);
}
