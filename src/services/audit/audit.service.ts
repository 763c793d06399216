import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { type AuditHashAlgorithm, appendAuditRow, auditHashAlgorithm } from '../../db/audit.repository.js';
import type { DB } from '../../db/schema.js';
import { assertAuditable } from './audit.guard.js';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What happened, to what, by whom. `detail` must never carry personal data or secrets. */
export interface AuditEntry {
  actorId: string | null;
  /** Dotted, past tense: 'problem.assigned', 'auth.sign_in_failed', 'pii.read', 'audit.exported'. */
  action: string;
  resourceType?: string | null;
  resourceId?: string | null;
  outcome: AuditOutcome;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Records one audit entry. Call it with the action's transaction, so that an action whose audit
 * record cannot be written fails with it; given a plain connection it opens its own transaction
 * (for denials and failures, which must be recorded although the action is refused).
 */
export async function recordAudit(
  db: Kysely<DB>,
  entry: AuditEntry,
  now: Date,
  options: { hashAlgorithm?: AuditHashAlgorithm } = {},
): Promise<void> {
  assertAuditable(entry);
  await appendAuditRow(db, {
    id: uuidv7(),
    occurred_at: now.toISOString(),
    actor_id: entry.actorId,
    action: entry.action,
    resource_type: entry.resourceType ?? null,
    resource_id: entry.resourceId ?? null,
    outcome: entry.outcome,
    ip: entry.ip ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
    hash_alg: options.hashAlgorithm ?? auditHashAlgorithm(),
  });
}
