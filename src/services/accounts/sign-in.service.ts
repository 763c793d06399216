import { sql } from 'kysely';
import { isDefaultPassword } from '../../core/password-policy.js';
import type { UserCredentialRow } from '../../db/schema.accounts.js';
import { presentUser, type User } from '../accounts.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { ensureCredentials, getCredentials, saveCredentials } from './credentials.js';
import { signInFailed, totpCodeRequired } from './errors.js';
import { disableForInactivity } from './inactivity.service.js';
import { hashPassword, needsRehash, verifyPassword } from './password-hash.js';
import { type OpenedSession, openSession, sha256hex } from './session.service.js';
import type { AccountSettings } from './settings.js';
import { checkTotpCode } from './totp.service.js';

export interface SignInInput {
  login: string;
  password: string;
  totp?: string;
  ip?: string;
  userAgent?: string;
  /** The session cookie the browser still sent, revoked by the new sign-in. */
  replaces?: string;
}

type Refusal =
  | 'unknown_login'
  | 'locked'
  | 'inactive'
  | 'disabled'
  | 'bad_password'
  | 'bad_totp'
  | 'default_password';

/**
 * Password (and, when enrolled, TOTP) sign-in opening a browser session. Every refusal gives
 * the same message and is audited; wrong passwords and codes count towards the lockout.
 * Hashing happens outside the transaction: on SQLite a transaction holds the only writer.
 */
export async function signIn(
  ctx: ServiceContext,
  settings: AccountSettings,
  input: SignInInput,
): Promise<OpenedSession & { user: User }> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('login', '=', input.login)
    .executeTakeFirst();
  if (!row) {
    await hashPassword(input.password, settings.hash); // the same time as a real check
    return refuse(ctx, null, 'unknown_login', input, { loginDigest: sha256hex(input.login).slice(0, 16) });
  }
  const user = presentUser(row);
  const cred = await getCredentials(ctx.db, user.id);
  if (cred?.locked_until && cred.locked_until > now.toISOString())
    return refuse(ctx, user.id, 'locked', input);
  if (user.active && inactiveTooLong(settings, cred, row.created_at, now)) {
    await inTransaction(ctx, (trx) => disableForInactivity(trx, user.id, settings.inactiveDays, now));
    return refuse(ctx, user.id, 'inactive', input);
  }
  const passwordOk = await passwordMatches(settings, input.password, cred?.password_hash);
  if (!passwordOk) return countFailure(ctx, settings, user.id, 'bad_password', input);
  if (!user.active) return refuse(ctx, user.id, 'disabled', input);
  if (settings.mode === 'production' && isDefaultPassword(input.password))
    return refuse(ctx, user.id, 'default_password', input);
  let totpStep: number | undefined;
  if (cred?.totp_enabled_at) {
    if (!input.totp) throw totpCodeRequired();
    const step = checkTotpCode(settings, user.id, cred, input.totp, now);
    if (step === null) return countFailure(ctx, settings, user.id, 'bad_totp', input);
    totpStep = step;
  }
  const rehash =
    cred?.password_hash && needsRehash(cred.password_hash, settings.hash)
      ? await hashPassword(input.password, settings.hash)
      : undefined;
  return inTransaction(ctx, async (trx) => {
    await saveCredentials(trx, user.id, {
      failed_sign_ins: 0,
      failed_since: null,
      locked_until: null,
      last_sign_in_at: now.toISOString(),
      last_active_at: now.toISOString(),
      ...(totpStep === undefined ? {} : { totp_last_step: totpStep }),
      ...(rehash ? { password_hash: rehash } : {}),
    });
    const session = await openSession(trx, settings, user.id, now, input);
    const detail = { factors: totpStep === undefined ? 1 : 2 };
    await recordAudit(
      trx,
      {
        actorId: user.id,
        action: 'auth.sign_in',
        resourceType: 'user',
        resourceId: user.id,
        outcome: 'success',
        ip: input.ip,
        detail,
      },
      now,
    );
    return { ...session, user };
  });
}

/** Without a stored hash the password is hashed anyway, so timing tells nothing. */
async function passwordMatches(settings: AccountSettings, password: string, hash: string | null | undefined) {
  if (hash) return verifyPassword(password, hash);
  await hashPassword(password, settings.hash);
  return false;
}

function inactiveTooLong(
  settings: AccountSettings,
  cred: Pick<UserCredentialRow, 'last_active_at'> | undefined,
  createdAt: string,
  now: Date,
): boolean {
  if (settings.inactiveDays <= 0) return false;
  const last = cred?.last_active_at ?? createdAt;
  return now.getTime() - new Date(last).getTime() >= settings.inactiveDays * 86_400_000;
}

async function refuse(
  ctx: ServiceContext,
  userId: string | null,
  reason: Refusal,
  input: SignInInput,
  extra: Record<string, unknown> = {},
): Promise<never> {
  await recordAudit(
    ctx.db,
    {
      actorId: userId,
      action: 'auth.sign_in_failed',
      resourceType: 'user',
      resourceId: userId,
      outcome: 'failure',
      ip: input.ip,
      detail: { reason, ...extra },
    },
    ctx.clock.now(),
  );
  throw signInFailed();
}

/**
 * Counts a failure in the current window (a new window when the last began long enough
 * ago) and locks the account at the limit. One UPDATE, so concurrent failures all count.
 */
async function countFailure(
  ctx: ServiceContext,
  settings: AccountSettings,
  userId: string,
  reason: Refusal,
  input: SignInInput,
): Promise<never> {
  const now = ctx.clock.now();
  const { maxFailures, windowMinutes, lockMinutes } = settings.lockout;
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000).toISOString();
  await inTransaction(ctx, async (trx) => {
    await ensureCredentials(trx, userId);
    const fresh = sql<boolean>`failed_since is null or failed_since <= ${windowStart}`;
    const counted = await trx
      .updateTable('user_credentials')
      .set({
        failed_sign_ins: sql<number>`case when ${fresh} then 1 else failed_sign_ins + 1 end`,
        failed_since: sql<string>`case when ${fresh} then ${now.toISOString()} else failed_since end`,
      })
      .where('user_id', '=', userId)
      .returning('failed_sign_ins')
      .executeTakeFirstOrThrow();
    const base = { actorId: userId, resourceType: 'user', resourceId: userId, ip: input.ip };
    await recordAudit(
      trx,
      {
        ...base,
        action: 'auth.sign_in_failed',
        outcome: 'failure',
        detail: { reason, failures: counted.failed_sign_ins },
      },
      now,
    );
    if (counted.failed_sign_ins >= maxFailures) {
      const until = new Date(now.getTime() + lockMinutes * 60_000).toISOString();
      await saveCredentials(trx, userId, { locked_until: until, failed_sign_ins: 0, failed_since: null });
      await recordAudit(
        trx,
        {
          ...base,
          action: 'auth.locked',
          outcome: 'success',
          detail: { until, failures: counted.failed_sign_ins },
        },
        now,
      );
    }
  });
  throw signInFailed();
}
