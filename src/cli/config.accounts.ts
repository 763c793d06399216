import { DEFAULT_HARDENING, type HardeningOptions } from '../http/plugins/security.js';
import {
  type AccountSettings,
  type AccountSettingsInput,
  accountSettings,
  type Mode,
} from '../services/accounts/settings.js';
import { cipherFromConfig } from '../services/crypto/cipher-config.js';
import { runtimeCipher } from './cipher.js';

type Env = Record<string, string | undefined>;

/** Sign-in, session and hardening settings, from duban.config.json's "security" and the environment. */
export interface SecurityConfig {
  /** DUBAN_MODE when set; unset means demo when the demo is asked for, production otherwise. */
  mode?: Mode;
  accounts: Omit<AccountSettingsInput, 'cipher' | 'mode'>;
  hardening: HardeningOptions;
  /** DUBAN_TRUST_PROXY: true, or a list of proxy addresses, when behind a reverse proxy. */
  trustProxy: boolean | string;
}

export interface SecurityFile {
  mode?: Mode;
  accounts?: SecurityConfig['accounts'];
  hardening?: Partial<HardeningOptions>;
  trustProxy?: boolean | string;
}

function number(
  env: Env,
  name: string,
  fallback: number | undefined,
  min: number,
  max: number,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return value;
}

function flag(env: Env, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false (got "${env[name]}")`);
}

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Reads the security settings; every default is that of docs/security.md. */
export function loadSecurityConfig(env: Env, file: SecurityFile = {}): SecurityConfig {
  const mode = env.DUBAN_MODE || file.mode;
  if (mode !== undefined && mode !== 'demo' && mode !== 'production')
    throw new Error(`DUBAN_MODE must be demo or production (got "${mode}")`);
  const algorithm = env.DUBAN_PASSWORD_HASH || file.accounts?.hash?.algorithm;
  if (algorithm !== undefined && algorithm !== 'scrypt' && algorithm !== 'pbkdf2-sm3')
    throw new Error(`DUBAN_PASSWORD_HASH must be scrypt or pbkdf2-sm3 (got "${algorithm}")`);
  const f = file.accounts ?? {};
  const totpRoles = env.DUBAN_TOTP_ROLES?.split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  return {
    mode,
    accounts: {
      ...f,
      passwordPolicy: defined({
        ...f.passwordPolicy,
        minLength: number(env, 'DUBAN_PASSWORD_MIN_LENGTH', f.passwordPolicy?.minLength, 8, 128),
        minClasses: number(env, 'DUBAN_PASSWORD_MIN_CLASSES', f.passwordPolicy?.minClasses, 1, 4),
        historySize: number(env, 'DUBAN_PASSWORD_HISTORY', f.passwordPolicy?.historySize, 0, 24),
        maxAgeDays: number(env, 'DUBAN_PASSWORD_MAX_AGE_DAYS', f.passwordPolicy?.maxAgeDays, 0, 3650),
      }),
      hash: defined({
        ...f.hash,
        algorithm,
        scryptLogN: number(env, 'DUBAN_SCRYPT_LOG_N', f.hash?.scryptLogN, 14, 20),
        pbkdf2Iterations: number(
          env,
          'DUBAN_PBKDF2_ITERATIONS',
          f.hash?.pbkdf2Iterations,
          100_000,
          10_000_000,
        ),
      }),
      lockout: defined({
        ...f.lockout,
        maxFailures: number(env, 'DUBAN_LOCKOUT_FAILURES', f.lockout?.maxFailures, 1, 100),
        windowMinutes: number(env, 'DUBAN_LOCKOUT_WINDOW_MINUTES', f.lockout?.windowMinutes, 1, 1440),
        lockMinutes: number(env, 'DUBAN_LOCKOUT_MINUTES', f.lockout?.lockMinutes, 1, 1440),
      }),
      sessions: defined({
        ...f.sessions,
        idleMinutes: number(env, 'DUBAN_SESSION_IDLE_MINUTES', f.sessions?.idleMinutes, 1, 1440),
        adminIdleMinutes: number(
          env,
          'DUBAN_SESSION_ADMIN_IDLE_MINUTES',
          f.sessions?.adminIdleMinutes,
          1,
          1440,
        ),
        absoluteHours: number(env, 'DUBAN_SESSION_ABSOLUTE_HOURS', f.sessions?.absoluteHours, 1, 168),
        cookieSecure: flag(env, 'DUBAN_COOKIE_SECURE') ?? f.sessions?.cookieSecure,
      }),
      inactiveDays: number(env, 'DUBAN_INACTIVE_DAYS', f.inactiveDays, 0, 3650),
      totpRoles: totpRoles ?? f.totpRoles,
      tokenMaxDays: number(env, 'DUBAN_TOKEN_MAX_DAYS', f.tokenMaxDays, 1, 3650),
    },
    hardening: {
      ...DEFAULT_HARDENING,
      ...file.hardening,
      ...defined({
        signInPerMinute: number(env, 'DUBAN_RATE_LIMIT_SIGN_IN', undefined, 1, 10_000),
        globalPerMinute: number(env, 'DUBAN_RATE_LIMIT_GLOBAL', undefined, 10, 1_000_000),
        publicSubmitsPerHour: number(env, 'DUBAN_RATE_LIMIT_PUBLIC_SUBMITS', undefined, 1, 100_000),
        publicReadsPerMinute: number(env, 'DUBAN_RATE_LIMIT_PUBLIC_READS', undefined, 1, 100_000),
        hsts: flag(env, 'DUBAN_HSTS'),
      }),
    },
    trustProxy: parseTrustProxy(env.DUBAN_TRUST_PROXY) ?? file.trustProxy ?? false,
  };
}

function parseTrustProxy(raw: string | undefined): boolean | string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true'].includes(raw)) return true;
  if (['0', 'false'].includes(raw)) return false;
  return raw;
}

/** The mode to run in. The demo is refused in production mode: no demo data, no default passwords. */
export function effectiveMode(security: SecurityConfig, demoRequested: boolean): Mode {
  if (demoRequested && security.mode === 'production') {
    throw new Error(
      'DUBAN_MODE=production refuses the demo data and its default passwords (示例数据与默认密码在生产模式下不可用); unset DUBAN_MODE or set it to demo',
    );
  }
  return security.mode ?? (demoRequested ? 'demo' : 'production');
}

/**
 * The account settings for a mode. TOTP secrets need DUBAN_ENCRYPTION_KEY in production; the
 * demo without a key uses the key file in `dataDir` (see cipher.ts), or without one a key that
 * lives as long as the process.
 */
export function accountSettingsFor(
  security: SecurityConfig,
  mode: Mode,
  env: Env,
  dataDir?: string,
): AccountSettings {
  const hasKey = Boolean(env.DUBAN_ENCRYPTION_KEY?.trim());
  const cipher =
    hasKey || mode === 'production'
      ? cipherFromConfig(env)
      : dataDir
        ? runtimeCipher(env, dataDir)
        : undefined;
  return accountSettings({ ...security.accounts, mode, ...(cipher ? { cipher } : {}) });
}
