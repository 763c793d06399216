import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { accountSettingsFor, effectiveMode, loadSecurityConfig } from '../../src/cli/config.accounts.js';

const KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 1)).toString('base64');

describe('modes and security settings', () => {
  it('refuses the demo in production mode; unset, the demo implies demo mode', () => {
    const production = loadSecurityConfig({ DUBAN_MODE: 'production' });
    expect(() => effectiveMode(production, true)).toThrow(/refuses the demo data/);
    expect(effectiveMode(production, false)).toBe('production');
    expect(effectiveMode(loadSecurityConfig({}), true)).toBe('demo');
    expect(effectiveMode(loadSecurityConfig({}), false)).toBe('production');
    expect(() => loadSecurityConfig({ DUBAN_MODE: 'staging' })).toThrow(/DUBAN_MODE/);
  });

  it('reads every number from the environment, within bounds', () => {
    const c = loadSecurityConfig({
      DUBAN_PASSWORD_MIN_LENGTH: '12',
      DUBAN_PASSWORD_MAX_AGE_DAYS: '0',
      DUBAN_LOCKOUT_FAILURES: '3',
      DUBAN_SESSION_IDLE_MINUTES: '20',
      DUBAN_TOTP_ROLES: 'office, viewer',
      DUBAN_PASSWORD_HASH: 'pbkdf2-sm3',
      DUBAN_COOKIE_SECURE: 'false',
      DUBAN_RATE_LIMIT_SIGN_IN: '5',
    });
    const s = accountSettingsFor(c, 'demo', {});
    expect(s.passwordPolicy).toMatchObject({ minLength: 12, maxAgeDays: 0, minClasses: 3 });
    expect(s.lockout).toEqual({ maxFailures: 3, windowMinutes: 15, lockMinutes: 30 });
    expect(s.sessions).toMatchObject({ idleMinutes: 20, adminIdleMinutes: 15, cookieSecure: false });
    expect(s.totpRoles).toEqual(['office', 'viewer']);
    expect(s.hash.algorithm).toBe('pbkdf2-sm3');
    expect(c.hardening.signInPerMinute).toBe(5);
    expect(() => loadSecurityConfig({ DUBAN_PASSWORD_MIN_LENGTH: '6' })).toThrow(/8 to 128/);
  });

  it('needs DUBAN_ENCRYPTION_KEY in production (TOTP secrets), not in the demo', () => {
    const c = loadSecurityConfig({});
    expect(() => accountSettingsFor(c, 'production', {})).toThrow(/DUBAN_ENCRYPTION_KEY/);
    const s = accountSettingsFor(c, 'production', { DUBAN_ENCRYPTION_KEY: KEY });
    expect(s.cipher.decrypt(s.cipher.encrypt('JBSWY3DPEHPK3PXP', 'u1'), 'u1')).toBe('JBSWY3DPEHPK3PXP');
    expect(s.sessions.cookieSecure).toBe(true);
    expect(accountSettingsFor(c, 'demo', {}).sessions.cookieSecure).toBe(false);
  });
});

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'duban-modes-'));
const env = {
  ...process.env,
  DATABASE_URL: `sqlite:${join(dir, 'duban.db')}`,
  DUBAN_DATA_DIR: dir,
  DUBAN_MODE: 'production',
  DUBAN_SCRYPT_LOG_N: '14',
};
const duban = (...args: string[]) =>
  run('npx', ['tsx', 'src/cli/main.ts', ...args], { env, timeout: 60_000 }).catch(
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('the duban command in production mode', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses the demo, and creates the first administrator once with a one-time secret', async () => {
    const demo = await duban('demo');
    expect(demo).toMatchObject({ code: 1 });
    expect(demo.stderr).toContain('refuses the demo data');
    const init = await duban('init', '--login', 'root');
    const secret = init.stdout.trim().split('\n').at(-1) ?? '';
    expect(init.stdout).toContain('system administrator root created');
    expect(secret).toMatch(/^\S{20}$/);
    const again = await duban('init', '--login', 'root2');
    expect(again).toMatchObject({ code: 1 });
    expect(again.stderr).toContain('already exists');
  }, 120_000);
});
