import { randomInt } from 'node:crypto';
import { DEMO_PASSWORD } from '../../core/common-passwords.js';
import { DomainError, fieldError, invalid } from '../../core/errors.js';
import { checkPassword } from '../../core/password-policy.js';
import type { User } from '../accounts.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTransaction, type ServiceContext, withDb } from '../context.js';
import { getCredentials, saveCredentials } from './credentials.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { revokeAllSessions } from './session.service.js';
import type { AccountSettings } from './settings.js';

/** Stores a password hash, keeps the last `historySize` of them, clears any lock. */
export async function storePasswordHash(
  ctx: ServiceContext,
  settings: AccountSettings,
  userId: string,
  hash: string,
  mustChange: boolean,
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await saveCredentials(ctx.db, userId, {
    password_hash: hash,
    password_changed_at: now,
    must_change_password: mustChange ? 1 : 0,
    failed_sign_ins: 0,
    failed_since: null,
    locked_until: null,
  });
  await ctx.db
    .insertInto('password_history')
    .values({ id: ctx.newId(), user_id: userId, password_hash: hash, created_at: now })
    .execute();
  const beyond = await ctx.db
    .selectFrom('password_history')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(Math.max(settings.passwordPolicy.historySize, 1))
    .limit(1000)
    .execute();
  if (beyond.length) {
    await ctx.db
      .deleteFrom('password_history')
      .where(
        'id',
        'in',
        beyond.map((r) => r.id),
      )
      .execute();
  }
}

/** Whether `password` is one of the user's last `historySize` passwords. */
async function reused(ctx: ServiceContext, settings: AccountSettings, userId: string, password: string) {
  const rows = await ctx.db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(settings.passwordPolicy.historySize)
    .execute();
  for (const row of rows) if (await verifyPassword(password, row.password_hash)) return true;
  return false;
}

/**
 * The signed-in user changes their password: the current one proves it is them; the new one
 * must pass the policy and not repeat the last five. Other sessions are signed out.
 */
export async function changePassword(
  ctx: ServiceContext,
  settings: AccountSettings,
  user: User,
  input: { currentPassword: string; newPassword: string },
  meta: { ip?: string; keepSessionId?: string } = {},
): Promise<void> {
  const cred = await getCredentials(ctx.db, user.id);
  if (!cred?.password_hash || !(await verifyPassword(input.currentPassword, cred.password_hash))) {
    await recordAudit(
      ctx.db,
      {
        actorId: user.id,
        action: 'auth.password_change_failed',
        resourceType: 'user',
        resourceId: user.id,
        outcome: 'failure',
        ip: meta.ip,
      },
      ctx.clock.now(),
    );
    throw invalid([fieldError('currentPassword', '当前密码不正确', 'is not the current password')]);
  }
  const errors = checkPassword(input.newPassword, user, settings.passwordPolicy, 'newPassword');
  if (!errors.length && (await reused(ctx, settings, user.id, input.newPassword))) {
    const n = settings.passwordPolicy.historySize;
    errors.push(
      fieldError(
        'newPassword',
        `不得与最近 ${n} 次使用过的密码相同`,
        `must differ from the last ${n} passwords`,
      ),
    );
  }
  if (errors.length) throw invalid(errors);
  const hash = await hashPassword(input.newPassword, settings.hash);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    await storePasswordHash(withDb(ctx, trx), settings, user.id, hash, false);
    const signedOut = await revokeAllSessions(trx, user.id, now, meta.keepSessionId);
    await recordAudit(
      trx,
      {
        actorId: user.id,
        action: 'auth.password_changed',
        resourceType: 'user',
        resourceId: user.id,
        outcome: 'success',
        ip: meta.ip,
        detail: { signedOut },
      },
      now,
    );
  });
}

const CLASSES = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-_.!@#%+='];

/** A random 20-character secret from all four classes (no look-alike letters), for one use. */
export function oneTimeSecret(): string {
  const all = CLASSES.join('');
  const chars = CLASSES.map((set) => set[randomInt(set.length)] ?? '');
  while (chars.length < 20) chars.push(all[randomInt(all.length)] ?? '');
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

/**
 * Gives the demo accounts the documented demo password; demo mode only. The policy refuses
 * that password everywhere else and production refuses it at sign-in.
 */
export async function setDemoPassword(
  ctx: ServiceContext,
  settings: AccountSettings,
  userId: string,
): Promise<string> {
  if (settings.mode !== 'demo') {
    throw new DomainError('FORBIDDEN', {
      zh: '生产模式不设置默认密码',
      en: 'Default passwords are refused in production mode',
    });
  }
  const hash = await hashPassword(DEMO_PASSWORD, settings.hash);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    await storePasswordHash(withDb(ctx, trx), settings, userId, hash, false);
    await saveCredentials(trx, userId, { last_active_at: now.toISOString() });
    await trx.updateTable('users').set({ active: 1 }).where('id', '=', userId).execute();
  });
  return DEMO_PASSWORD;
}
