import { COMMON_PASSWORDS, DEFAULT_PASSWORDS } from './common-passwords.js';
import { type FieldError, fieldError } from './errors.js';

/** The password rules; every number is a setting (see docs/security.md). */
export interface PasswordPolicy {
  /** Shortest accepted password (等保 asks for 8; 12 is recommended). */
  minLength: number;
  /** Longest accepted: hashing cost grows with length, so there is a ceiling. */
  maxLength: number;
  /** How many of the four classes (lower, upper, digit, other) must appear. */
  minClasses: number;
  /** A new password may not be any of this many previous ones. */
  historySize: number;
  /** Days after which a password must be changed; 0 turns rotation off. */
  maxAgeDays: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 8,
  maxLength: 128,
  minClasses: 3,
  historySize: 5,
  maxAgeDays: 90,
};

/** The recommended length, shown to people choosing a password. */
export const RECOMMENDED_PASSWORD_LENGTH = 12;

/** Number of character classes present: lower-case, upper-case, digits, anything else. */
export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

/** A common or default password, also when capitalised or followed by punctuation ("Woaini1314!"). */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const variants = [lower, lower.replace(/[^a-z0-9]+$/, ''), lower.replace(/^[^a-z0-9]+/, '')];
  return variants.some((v) => COMMON_PASSWORDS.has(v) || DEFAULT_PASSWORDS.has(v));
}

export const isDefaultPassword = (password: string) => DEFAULT_PASSWORDS.has(password.toLowerCase());

/**
 * The rules a new password breaks, as bilingual messages naming `field`; empty when it is
 * acceptable. History (reuse) needs the stored hashes and is checked by the service.
 */
export function checkPassword(
  password: string,
  who: { login: string },
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  field = 'password',
): FieldError[] {
  const errors: FieldError[] = [];
  const length = [...password].length;
  if (length < policy.minLength) {
    errors.push(
      fieldError(
        field,
        `密码至少 ${policy.minLength} 位（建议 ${RECOMMENDED_PASSWORD_LENGTH} 位以上）`,
        `must be at least ${policy.minLength} characters (${RECOMMENDED_PASSWORD_LENGTH} or more recommended)`,
      ),
    );
  }
  if (length > policy.maxLength) {
    errors.push(
      fieldError(
        field,
        `密码不得超过 ${policy.maxLength} 位`,
        `must be at most ${policy.maxLength} characters`,
      ),
    );
  }
  if (characterClasses(password) < policy.minClasses) {
    errors.push(
      fieldError(
        field,
        `密码须包含小写字母、大写字母、数字、符号中的至少 ${policy.minClasses} 类`,
        `must mix at least ${policy.minClasses} of: lower-case, upper-case, digits, symbols`,
      ),
    );
  }
  // Logins of one or two characters would forbid half the alphabet; they are matched exactly.
  const login = who.login.toLowerCase();
  const lower = password.toLowerCase();
  if (login && (login.length >= 3 ? lower.includes(login) : lower === login)) {
    errors.push(fieldError(field, '密码不得包含登录名', 'must not contain the login'));
  }
  if (isCommonPassword(password)) {
    errors.push(fieldError(field, '密码过于常见，请换一个', 'is too common; choose another'));
  }
  return errors;
}

/** Whether a password set at `changedAt` is due for rotation at `now` (never when rotation is off). */
export function passwordExpired(changedAt: string | null, now: Date, policy: PasswordPolicy): boolean {
  if (policy.maxAgeDays <= 0 || !changedAt) return false;
  return now.getTime() - new Date(changedAt).getTime() >= policy.maxAgeDays * 86_400_000;
}
