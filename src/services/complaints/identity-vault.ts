import type { Kysely } from 'kysely';
import type { ComplainantIdentity } from '../../core/complaint.js';
import type { DB } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTransaction, type ServiceContext } from '../context.js';

/*
 * The complainant identity vault. Identities are sealed with the configured field cipher,
 * bound to their complaint (AAD), and stored in their own table; no other table, event, log
 * line or export holds them. Opening one is a personal-data read: it is audited in the same
 * transaction, so a read whose audit record cannot be written does not happen.
 */
const aadOf = (complaintId: string) => `complainant:${complaintId}`;

/** Seals an identity; call inside the transaction that creates the complaint. */
export async function sealIdentity(
  ctx: ServiceContext,
  trx: Kysely<DB>,
  complaintId: string,
  identity: ComplainantIdentity,
): Promise<void> {
  await trx
    .insertInto('complainant_identities')
    .values({
      complaint_id: complaintId,
      sealed: ctx.cipher.encrypt(JSON.stringify(identity), aadOf(complaintId)),
      created_at: ctx.clock.now().toISOString(),
    })
    .execute();
}

/** Why an identity is opened, recorded with the read: shown to the reader, or screened by the system. */
export type IdentityPurpose = 'handling' | 'disclosure_screening';

/**
 * Opens an identity after the caller's policy check, recording the read (who, which
 * complaint, why, which fields — never the values). Null when the complainant is anonymous.
 */
export async function openIdentity(
  ctx: ServiceContext,
  reader: { actorId: string; ip?: string | null },
  complaintId: string,
  purpose: IdentityPurpose,
): Promise<ComplainantIdentity | null> {
  return inTransaction(ctx, async (trx) => {
    const row = await trx
      .selectFrom('complainant_identities')
      .select('sealed')
      .where('complaint_id', '=', complaintId)
      .executeTakeFirst();
    if (!row) return null;
    const identity = JSON.parse(ctx.cipher.decrypt(row.sealed, aadOf(complaintId))) as ComplainantIdentity;
    await recordAudit(
      trx,
      {
        actorId: reader.actorId,
        action: purpose === 'handling' ? 'pii.read' : 'pii.screened',
        resourceType: 'complaint',
        resourceId: complaintId,
        outcome: 'success',
        ip: reader.ip ?? null,
        detail: { purpose, fields: Object.keys(identity).sort() },
      },
      ctx.clock.now(),
    );
    return identity;
  });
}
