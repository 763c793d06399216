import { type Kysely, sql } from 'kysely';
import { SYSTEM_ACTOR } from '../../core/actor.js';
import type { DB } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTransaction, type ServiceContext } from '../context.js';
import type { AccountSettings } from './settings.js';

/**
 * Disables accounts neither signed into nor used through a token for `inactiveDays`
 * (等保: 及时停用多余、过期账户). Run daily; sign-in applies the same rule at once.
 * Returns the logins disabled.
 */
export async function disableInactiveAccounts(
  ctx: ServiceContext,
  settings: AccountSettings,
): Promise<string[]> {
  if (settings.inactiveDays <= 0) return [];
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - settings.inactiveDays * 86_400_000).toISOString();
  return inTransaction(ctx, async (trx) => {
    const stale = await trx
      .selectFrom('users')
      .leftJoin('user_credentials', 'user_credentials.user_id', 'users.id')
      .select(['users.id', 'users.login'])
      .where('users.active', '=', 1)
      .where(sql<string>`coalesce(user_credentials.last_active_at, users.created_at)`, '<=', cutoff)
      .execute();
    for (const user of stale) await disableForInactivity(trx, user.id, settings.inactiveDays, now);
    return stale.map((u) => u.login);
  });
}

/** Disables one account for inactivity (compare-and-set on active), audited as the system's act. */
export async function disableForInactivity(
  db: Kysely<DB>,
  userId: string,
  days: number,
  now: Date,
): Promise<void> {
  const result = await db
    .updateTable('users')
    .set({ active: 0, version: sql<number>`version + 1` })
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return;
  const detail = { reason: 'inactive', days };
  await recordAudit(
    db,
    {
      actorId: SYSTEM_ACTOR.userId,
      action: 'user.disabled',
      resourceType: 'user',
      resourceId: userId,
      outcome: 'success',
      detail,
    },
    now,
  );
}
