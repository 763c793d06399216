import { type AuditHashAlgorithm, auditHashAlgorithm } from '../../db/audit.repository.js';

type Env = Record<string, string | undefined>;

/** 网络安全法 第二十一条: network logs are kept for no less than six months. */
export const MIN_AUDIT_RETENTION_DAYS = 180;

export interface AuditSettings {
  hashAlgorithm: AuditHashAlgorithm;
  /**
   * The promise made to auditors. duban never deletes audit records (docs/security.md), so
   * records are kept at least this long, in practice for the life of the database.
   */
  retentionDays: number;
}

/**
 * DUBAN_AUDIT_HASH (sha256 | sm3) and DUBAN_AUDIT_RETENTION_DAYS (default and minimum 180).
 * Read at start-up so a bad setting stops the server rather than the first audited action.
 */
export function auditSettings(env: Env = process.env): AuditSettings {
  const raw = env.DUBAN_AUDIT_RETENTION_DAYS?.trim() || String(MIN_AUDIT_RETENTION_DAYS);
  const days = Number(raw);
  if (!Number.isInteger(days) || days < MIN_AUDIT_RETENTION_DAYS)
    throw new Error(
      `DUBAN_AUDIT_RETENTION_DAYS must be a whole number of days, at least ${MIN_AUDIT_RETENTION_DAYS} (网络安全法: six months); got "${raw}"`,
    );
  return { hashAlgorithm: auditHashAlgorithm(env), retentionDays: days };
}
