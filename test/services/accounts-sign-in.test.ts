import { beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/core/common-passwords.js';
import { getCredentials } from '../../src/services/accounts/credentials.js';
import { disableInactiveAccounts } from '../../src/services/accounts/inactivity.service.js';
import { describeMe } from '../../src/services/accounts/me.js';
import { storePasswordHash } from '../../src/services/accounts/password.service.js';
import { hashPassword, verifyPassword } from '../../src/services/accounts/password-hash.js';
import { authenticateSession } from '../../src/services/accounts/session.service.js';
import { signIn } from '../../src/services/accounts/sign-in.service.js';
import { describeEachEngine } from '../support/engines.js';
import { type AccountsWorld, accountsWorld, auditTrail, GOOD_PASSWORD } from './accounts.fixtures.js';

const FAILED = 'Sign-in failed: wrong login or password, or the account is locked or disabled';

describeEachEngine('accounts: sign-in', (get) => {
  let w: AccountsWorld;
  beforeAll(() => {
    w = accountsWorld(get());
  });
  const attempt = (login: string, password: string) =>
    signIn(w.ctx, w.settings, { login, password, ip: '10.0.0.1' }).then(
      (s) => ({ ok: true as const, s }),
      (e: { code: string; label: { en: string } }) => ({ ok: false as const, e }),
    );

  it('opens a session for the right password, audits it and resets the failure count', async () => {
    const u = await w.person('clerk', 'unit_staff');
    expect((await attempt(u.login, 'wrong-Password1')).ok).toBe(false);
    const result = await attempt(u.login, GOOD_PASSWORD);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.s.token).toMatch(/^[\w-]{43}$/);
    const live = await authenticateSession(w.ctx, w.settings, result.s.token);
    expect(live?.user.login).toBe(u.login);
    expect((await getCredentials(w.ctx.db, u.id))?.failed_sign_ins).toBe(0);
    expect(await auditTrail(w.ctx, u.id)).toEqual([
      'user.created:success',
      'auth.sign_in_failed:failure',
      'auth.sign_in:success',
    ]);
    // Only a hash of the cookie value is stored.
    const stored = await w.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute();
    expect(stored.map((s) => s.id)).not.toContain(result.s.token);
  });

  it('gives one message for an unknown login, a wrong password and a disabled account', async () => {
    const u = await w.person('disabled', 'viewer');
    await w.ctx.db.updateTable('users').set({ active: 0 }).where('id', '=', u.id).execute();
    const failures = [
      await attempt('nobody-at-all', GOOD_PASSWORD),
      await attempt(u.login, 'wrong-Password1'),
      await attempt(u.login, GOOD_PASSWORD),
    ];
    for (const f of failures) {
      expect(f.ok).toBe(false);
      if (!f.ok) expect([f.e.code, f.e.label.en]).toEqual(['UNAUTHENTICATED', FAILED]);
    }
    const anonymous = await w.ctx.db
      .selectFrom('audit_log')
      .select(['detail', 'ip'])
      .where('action', '=', 'auth.sign_in_failed')
      .where('actor_id', 'is', null)
      .execute();
    expect(anonymous.at(-1)?.ip).toBe('10.0.0.1');
    expect(anonymous.at(-1)?.detail).not.toContain('nobody-at-all');
  });

  it('locks after 5 failures within 15 minutes, refuses even the right password, unlocks after 30', async () => {
    const u = await w.person('locked', 'office');
    for (let i = 0; i < 5; i++) {
      expect((await attempt(u.login, `wrong-Password${i}`)).ok).toBe(false);
      w.minutes(2);
    }
    expect((await getCredentials(w.ctx.db, u.id))?.locked_until).not.toBeNull();
    expect((await attempt(u.login, GOOD_PASSWORD)).ok).toBe(false);
    w.minutes(27); // the lock began at the fifth failure, 29 minutes ago
    expect((await attempt(u.login, GOOD_PASSWORD)).ok).toBe(false);
    w.minutes(1);
    expect((await attempt(u.login, GOOD_PASSWORD)).ok).toBe(true);
    const trail = await auditTrail(w.ctx, u.id);
    expect(trail.filter((a) => a === 'auth.locked:success')).toHaveLength(1);
  });

  it('does not lock for failures spread beyond the 15-minute window', async () => {
    const u = await w.person('slow', 'viewer');
    for (let i = 0; i < 8; i++) {
      expect((await attempt(u.login, `wrong-Password${i}`)).ok).toBe(false);
      w.minutes(4); // at most four failures fall in any window
    }
    expect((await attempt(u.login, GOOD_PASSWORD)).ok).toBe(true);
  });

  it('disables an account unused for 90 days at its next sign-in, and in the daily sweep', async () => {
    const a = await w.person('idle-a', 'viewer');
    const b = await w.person('idle-b', 'viewer');
    const c = await w.person('busy', 'viewer');
    w.clock.advanceDays(60);
    expect((await attempt(c.login, GOOD_PASSWORD)).ok).toBe(true);
    w.clock.advanceDays(30);
    expect((await attempt(a.login, GOOD_PASSWORD)).ok).toBe(false);
    const swept = await disableInactiveAccounts(w.ctx, w.settings);
    expect(swept).toContain(b.login);
    expect(swept).not.toContain(c.login);
    expect(swept).not.toContain(a.login); // already disabled at sign-in
    const rows = await w.ctx.db
      .selectFrom('users')
      .select(['login', 'active'])
      .where('id', 'in', [a.id, b.id, c.id])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.login, r.active]))).toEqual({
      [a.login]: 0,
      [b.login]: 0,
      [c.login]: 1,
    });
    expect(await auditTrail(w.ctx, a.id)).toContain('user.disabled:success');
  });

  it('asks for a change after 90 days of the same password, unless rotation is off', async () => {
    const u = await w.person('rotating', 'viewer');
    w.clock.advanceDays(89);
    expect((await attempt(u.login, GOOD_PASSWORD)).ok).toBe(true);
    expect((await describeMe(w.ctx, w.settings, u)).mustChangePassword).toBe(false);
    w.clock.advanceDays(1);
    expect((await attempt(u.login, GOOD_PASSWORD)).ok).toBe(true);
    expect((await describeMe(w.ctx, w.settings, u)).mustChangePassword).toBe(true);
    const noRotation = { ...w.settings, passwordPolicy: { ...w.settings.passwordPolicy, maxAgeDays: 0 } };
    expect((await describeMe(w.ctx, noRotation, u)).mustChangePassword).toBe(false);
  });

  it('refuses a default password at sign-in in production mode', async () => {
    const u = await w.person('defaulted', 'viewer');
    await storePasswordHash(
      w.ctx,
      w.settings,
      u.id,
      await hashPassword(DEMO_PASSWORD, w.settings.hash),
      false,
    );
    expect((await attempt(u.login, DEMO_PASSWORD)).ok).toBe(false);
    const demo = { ...w.settings, mode: 'demo' as const };
    await expect(signIn(w.ctx, demo, { login: u.login, password: DEMO_PASSWORD })).resolves.toBeTruthy();
  });

  it('upgrades the stored hash to the configured algorithm at sign-in (here to PBKDF2-SM3)', async () => {
    const u = await w.person('upgrade', 'viewer');
    const sm3 = {
      ...w.settings,
      hash: { ...w.settings.hash, algorithm: 'pbkdf2-sm3' as const, pbkdf2Iterations: 1000 },
    };
    await signIn(w.ctx, sm3, { login: u.login, password: GOOD_PASSWORD });
    const hash = (await getCredentials(w.ctx.db, u.id))?.password_hash ?? '';
    expect(hash).toMatch(/^\$pbkdf2-sm3\$i=1000\$/);
    expect(await verifyPassword(GOOD_PASSWORD, hash)).toBe(true);
  });
});

it('hashes with scrypt N=2^17, r=8, p=1 by default, recorded in the hash', async () => {
  const { DEFAULT_HASH } = await import('../../src/services/accounts/settings.js');
  const hash = await hashPassword('Qingshan-Lvshui9', DEFAULT_HASH);
  expect(hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[\w+/]{22}\$[\w+/]{43}$/);
  expect(await verifyPassword('Qingshan-Lvshui9', hash)).toBe(true);
  expect(await verifyPassword('Qingshan-Lvshui8', hash)).toBe(false);
  // NFKC: a full-width digit from a Chinese IME is the same password.
  expect(await verifyPassword('Qingshan-Lvshui９', hash)).toBe(true);
});
