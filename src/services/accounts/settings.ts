import { randomBytes } from 'node:crypto';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../core/password-policy.js';
import { aesGcmCipher, type FieldCipher } from '../crypto/field-cipher.js';

/** demo: illustrative data, demo passwords, no second factor. production: none of that. */
export type Mode = 'demo' | 'production';

export interface PasswordHashSettings {
  /** scrypt (default, OWASP parameters) or PBKDF2-HMAC-SM3 (the 商用密码 option for 密评). */
  algorithm: 'scrypt' | 'pbkdf2-sm3';
  /** scrypt cost as log2(N): 17 → N = 131072. */
  scryptLogN: number;
  scryptR: number;
  scryptP: number;
  pbkdf2Iterations: number;
}

/** Every rule of sign-in, sessions and second factors; the defaults are those of issue 3. */
export interface AccountSettings {
  mode: Mode;
  passwordPolicy: PasswordPolicy;
  hash: PasswordHashSettings;
  lockout: { maxFailures: number; windowMinutes: number; lockMinutes: number };
  sessions: { idleMinutes: number; adminIdleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  /** Accounts neither signed in nor used for this many days are disabled; 0 turns it off. */
  inactiveDays: number;
  /** Roles that must use a TOTP second factor (ignored in demo mode). */
  totpRoles: readonly string[];
  /** Longest lifetime of an API token. */
  tokenMaxDays: number;
  /** Encrypts TOTP secrets at rest. */
  cipher: FieldCipher;
  /** Shown by authenticator apps next to the code. */
  totpIssuer: string;
}

export const DEFAULT_HASH: PasswordHashSettings = {
  algorithm: 'scrypt',
  scryptLogN: 17,
  scryptR: 8,
  scryptP: 1,
  pbkdf2Iterations: 600_000,
};

export const DEFAULT_TOTP_ROLES = [
  'system_admin',
  'security_admin',
  'audit_admin',
  'office',
  'complaint_handler',
] as const;

export type AccountSettingsInput = Partial<
  Omit<AccountSettings, 'passwordPolicy' | 'hash' | 'lockout' | 'sessions'>
> & {
  passwordPolicy?: Partial<PasswordPolicy>;
  hash?: Partial<PasswordHashSettings>;
  lockout?: Partial<AccountSettings['lockout']>;
  sessions?: Partial<AccountSettings['sessions']>;
};

/**
 * Settings with defaults filled in. Without a cipher the TOTP key is random for the life of
 * the process: fine for tests, refused for serving in production (see src/cli/config.ts).
 */
export function accountSettings(overrides: AccountSettingsInput = {}): AccountSettings {
  const mode = overrides.mode ?? 'production';
  return {
    mode,
    passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...overrides.passwordPolicy },
    hash: { ...DEFAULT_HASH, ...overrides.hash },
    lockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 30, ...overrides.lockout },
    sessions: {
      idleMinutes: 30,
      adminIdleMinutes: 15,
      absoluteHours: 12,
      cookieSecure: mode === 'production',
      ...overrides.sessions,
    },
    inactiveDays: overrides.inactiveDays ?? 90,
    totpRoles: overrides.totpRoles ?? DEFAULT_TOTP_ROLES,
    tokenMaxDays: overrides.tokenMaxDays ?? 365,
    cipher: overrides.cipher ?? aesGcmCipher(randomBytes(32)),
    totpIssuer: overrides.totpIssuer ?? '督办 duban',
  };
}

/** Whether a role must sign in with a second factor under these settings. */
export const totpRequired = (settings: AccountSettings, role: string) =>
  settings.mode === 'production' && settings.totpRoles.includes(role);
