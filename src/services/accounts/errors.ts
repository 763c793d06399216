import type { AccountDecision } from '../../core/admin-roles.js';
import { DomainError, fieldError } from '../../core/errors.js';

/** One message for every failed sign-in, whatever the cause: no account enumeration. */
export const signInFailed = () =>
  new DomainError('UNAUTHENTICATED', {
    zh: '登录失败：登录名或密码错误，或账号已锁定、停用',
    en: 'Sign-in failed: wrong login or password, or the account is locked or disabled',
  });

/** The password was right and the account has a second factor: ask for the code. */
export const totpCodeRequired = () =>
  new DomainError(
    'UNAUTHENTICATED',
    { zh: '请输入动态口令', en: 'Enter the one-time code from your authenticator app' },
    [fieldError('totp', '需要 6 位动态口令', 'a 6-digit one-time code is required')],
  );

export const forbidden = (reason: { zh: string; en: string }) => new DomainError('FORBIDDEN', reason);

/** Throws 403 with the rule's reason when a decision denies. */
export function assertAllowed(decision: AccountDecision): void {
  if (!decision.allowed) throw forbidden(decision.reason);
}
