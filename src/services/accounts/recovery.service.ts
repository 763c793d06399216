import { type Actor, SYSTEM_ACTOR } from '../../core/actor.js';
import { decideAccountAction } from '../../core/admin-roles.js';
import { DomainError, notFound } from '../../core/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTransaction, type ServiceContext, withDb } from '../context.js';
import { saveCredentials } from './credentials.js';
import { assertAllowed } from './errors.js';
import { oneTimeSecret, storePasswordHash } from './password.service.js';
import { hashPassword } from './password-hash.js';
import { revokeAllSessions } from './session.service.js';
import type { AccountSettings } from './settings.js';
import { type AccountView, createAccount } from './users.service.js';

const USER = { zh: '用户', en: 'User' };

/**
 * `duban init`: the first system administrator, with a one-time secret printed once and to
 * be changed at the first sign-in. Refused once a system administrator exists.
 */
export async function initFirstAdmin(
  ctx: ServiceContext,
  settings: AccountSettings,
  input: { login: string; displayName?: string },
): Promise<{ account: AccountView; oneTimeSecret: string }> {
  const existing = await ctx.db
    .selectFrom('users')
    .select('login')
    .where('role', '=', 'system_admin')
    .executeTakeFirst();
  if (existing) {
    throw new DomainError('CONFLICT', {
      zh: `已有系统管理员（${existing.login}），不能再次初始化`,
      en: `A system administrator (${existing.login}) already exists`,
    });
  }
  return createAccount(ctx, settings, null, { ...input, role: 'system_admin' });
}

/**
 * A new one-time secret for an account (forgotten password): must be changed at the next
 * sign-in; the account's sessions end and any lockout is lifted. `actor` null: the CLI.
 */
export async function resetPassword(
  ctx: ServiceContext,
  settings: AccountSettings,
  actor: Actor | null,
  userId: string,
  ip?: string,
): Promise<{ oneTimeSecret: string }> {
  const row = await ctx.db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound(USER);
  if (actor)
    assertAllowed(decideAccountAction(actor, 'user.reset_password', { id: userId, roles: [row.role] }));
  const secret = oneTimeSecret();
  const hash = await hashPassword(secret, settings.hash);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    await storePasswordHash(withDb(ctx, trx), settings, userId, hash, true);
    // A reset restarts the inactivity clock; the CLI (recovery) also re-enables the account.
    await saveCredentials(trx, userId, { last_active_at: now.toISOString() });
    if (!actor) await trx.updateTable('users').set({ active: 1 }).where('id', '=', userId).execute();
    await revokeAllSessions(trx, userId, now);
    const actorId = (actor ?? SYSTEM_ACTOR).userId;
    await recordAudit(
      trx,
      {
        actorId,
        action: 'user.password_reset',
        resourceType: 'user',
        resourceId: userId,
        outcome: 'success',
        ip,
      },
      now,
    );
  });
  return { oneTimeSecret: secret };
}

/** Removes an account's second factor (lost phone); the user enrols again at the next sign-in. */
export async function resetTotp(
  ctx: ServiceContext,
  actor: Actor,
  userId: string,
  ip?: string,
): Promise<void> {
  const row = await ctx.db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound(USER);
  assertAllowed(decideAccountAction(actor, 'user.reset_password', { id: userId, roles: [row.role] }));
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    await saveCredentials(trx, userId, { totp_secret: null, totp_enabled_at: null, totp_last_step: null });
    await revokeAllSessions(trx, userId, now);
    await recordAudit(
      trx,
      {
        actorId: actor.userId,
        action: 'user.totp_reset',
        resourceType: 'user',
        resourceId: userId,
        outcome: 'success',
        ip,
      },
      now,
    );
  });
}
