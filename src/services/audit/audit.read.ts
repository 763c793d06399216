import type { Actor } from '../../core/actor.js';
import { decideAccountAction } from '../../core/admin-roles.js';
import { DomainError } from '../../core/errors.js';
import type { AuditLogRow } from '../../db/schema.audit.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { auditCsv } from './audit.csv.js';
import { type AuditFilter, queryAuditAll, queryAuditPage } from './audit.query.js';
import { recordAudit } from './audit.service.js';

/** Who may read the audit trail (the audit administrator, 三权分立); nobody may change it. */
export const mayReadAudit = (actor: Actor): boolean => decideAccountAction(actor, 'audit.read').allowed;

/** Most rows one export returns: narrow the filter for more. */
export const EXPORT_MAX_ROWS = 100_000;

/** A denial is recorded (in its own transaction, since the action fails) and then refused. */
async function requireAuditReader(ctx: ServiceContext, actor: Actor, action: string, ip: string | null) {
  const decision = decideAccountAction(actor, action === 'audit.exported' ? 'audit.export' : 'audit.read');
  if (decision.allowed) return;
  await recordAudit(
    ctx.db,
    { actorId: actor.userId, action, resourceType: 'audit_log', outcome: 'denied', ip },
    ctx.clock.now(),
  );
  throw new DomainError('FORBIDDEN', decision.reason);
}

export interface AuditRecord {
  id: string;
  chain: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: string;
  ip: string | null;
  detail: Record<string, unknown>;
  hashAlg: string;
  prevHash: string;
  hash: string;
}

export const presentAudit = (r: AuditLogRow): AuditRecord => ({
  id: r.id,
  chain: r.chain,
  seq: r.seq,
  occurredAt: r.occurred_at,
  actorId: r.actor_id,
  action: r.action,
  resourceType: r.resource_type,
  resourceId: r.resource_id,
  outcome: r.outcome,
  ip: r.ip,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  hashAlg: r.hash_alg,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** One page of the audit trail, newest first. */
export async function listAudit(
  ctx: ServiceContext,
  actor: Actor,
  filter: AuditFilter,
  page: { limit: number; cursor?: string },
  ip: string | null = null,
): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  await requireAuditReader(ctx, actor, 'audit.listed', ip);
  const { rows, nextCursor } = await queryAuditPage(ctx.db, filter, page);
  return { items: rows.map(presentAudit), nextCursor };
}

/** The matching rows as CSV; the export is itself audited, in the same transaction. */
export async function exportAudit(
  ctx: ServiceContext,
  actor: Actor,
  filter: AuditFilter,
  ip: string | null = null,
): Promise<{ csv: string; rows: number }> {
  await requireAuditReader(ctx, actor, 'audit.exported', ip);
  return inTransaction(ctx, async (trx) => {
    const rows = await queryAuditAll(trx, filter, EXPORT_MAX_ROWS);
    const detail = { filter: { ...filter }, rows: rows.length };
    await recordAudit(
      trx,
      {
        actorId: actor.userId,
        action: 'audit.exported',
        resourceType: 'audit_log',
        outcome: 'success',
        ip,
        detail,
      },
      ctx.clock.now(),
    );
    return { csv: auditCsv(rows), rows: rows.length };
  });
}
