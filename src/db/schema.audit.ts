/** Tables of the tamper-evident audit trail (migration 2026-11-25-0003-audit). */

/** One audited action. Append-only (guarded by triggers); hashed into its chain. */
export interface AuditLogRow {
  id: string;
  /** The chain the row belongs to: `actor:<user id>`, or `anonymous` (docs/decisions/0004). */
  chain: string;
  /** Position in its chain: 1, 2, 3… without gaps. */
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  /** success | failure | denied */
  outcome: string;
  ip: string | null;
  /** JSON object; never personal data or secrets. */
  detail: string;
  /** sha256 | sm3: how this row's hash was computed. */
  hash_alg: string;
  prev_hash: string;
  hash: string;
}

/** The current head of each audit chain: the row lock that orders appends to one chain. */
export interface AuditHeadRow {
  chain: string;
  seq: number;
  hash: string;
}

/** A seal: the heads of the chains that grew since the previous checkpoint, itself chained. */
export interface AuditCheckpointRow {
  id: string;
  seq: number;
  sealed_at: string;
  /** JSON `{ [chain]: [seq, hash] }`. */
  heads: string;
  hash_alg: string;
  prev_hash: string;
  hash: string;
}

export interface AuditTables {
  audit_log: AuditLogRow;
  audit_heads: AuditHeadRow;
  audit_checkpoints: AuditCheckpointRow;
}
