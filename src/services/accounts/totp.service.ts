import { randomBytes } from 'node:crypto';
import { DomainError, fieldError } from '../../core/errors.js';
import { base32Decode, base32Encode, otpauthUri, verifyTotp } from '../../core/totp.js';
import type { UserCredentialRow } from '../../db/schema.accounts.js';
import type { User } from '../accounts.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { getCredentials, saveCredentials } from './credentials.js';
import type { AccountSettings } from './settings.js';

const alreadyEnabled = () =>
  new DomainError('CONFLICT', {
    zh: '已启用动态口令；如需更换请联系系统管理员重置',
    en: 'A second factor is already enabled; ask the system administrator to reset it',
  });

/** The step of a valid code for this user's secret (never one already used), or null. */
export function checkTotpCode(
  settings: AccountSettings,
  userId: string,
  cred: Pick<UserCredentialRow, 'totp_secret' | 'totp_last_step'>,
  code: string,
  now: Date,
): number | null {
  if (!cred.totp_secret) return null;
  const secret = base32Decode(settings.cipher.decrypt(cred.totp_secret, userId));
  return verifyTotp(secret, code.trim(), now, { lastStep: cred.totp_last_step });
}

/**
 * Starts enrolment: a new secret, stored encrypted (aad = user id), returned once for the
 * authenticator app. It protects nothing until confirmed with a code.
 */
export async function beginTotpEnrolment(
  ctx: ServiceContext,
  settings: AccountSettings,
  user: User,
  ip?: string,
): Promise<{ secret: string; otpauthUri: string }> {
  const now = ctx.clock.now();
  const secret = base32Encode(randomBytes(20));
  await inTransaction(ctx, async (trx) => {
    if ((await getCredentials(trx, user.id))?.totp_enabled_at) throw alreadyEnabled();
    await saveCredentials(trx, user.id, {
      totp_secret: settings.cipher.encrypt(secret, user.id),
      totp_enabled_at: null,
      totp_last_step: null,
    });
    await recordAudit(
      trx,
      {
        actorId: user.id,
        action: 'auth.totp_enrolment_started',
        resourceType: 'user',
        resourceId: user.id,
        outcome: 'success',
        ip,
      },
      now,
    );
  });
  return { secret, otpauthUri: otpauthUri({ issuer: settings.totpIssuer, account: user.login, secret }) };
}

/** Confirms enrolment with a code from the app; from then on sign-in asks for a code. */
export async function confirmTotpEnrolment(
  ctx: ServiceContext,
  settings: AccountSettings,
  user: User,
  code: string,
  ip?: string,
): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const cred = await getCredentials(trx, user.id);
    if (cred?.totp_enabled_at) throw alreadyEnabled();
    if (!cred?.totp_secret) {
      throw new DomainError('CONFLICT', { zh: '请先开始绑定动态口令', en: 'Start the enrolment first' });
    }
    const step = checkTotpCode(settings, user.id, cred, code, now);
    if (step === null) {
      throw new DomainError('VALIDATION_FAILED', { zh: '动态口令不正确', en: 'Wrong one-time code' }, [
        fieldError('code', '动态口令不正确或已过期', 'wrong or expired one-time code'),
      ]);
    }
    await saveCredentials(trx, user.id, { totp_enabled_at: now.toISOString(), totp_last_step: step });
    await recordAudit(
      trx,
      {
        actorId: user.id,
        action: 'auth.totp_enrolled',
        resourceType: 'user',
        resourceId: user.id,
        outcome: 'success',
        ip,
      },
      now,
    );
  });
}
