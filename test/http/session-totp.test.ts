import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { base32Decode, totp } from '../../src/core/totp.js';
import { createAccount } from '../../src/services/accounts/users.service.js';
import { loadActor } from '../../src/services/accounts.service.js';
import {
  type AccountsWorld,
  accountsWorld,
  appFor,
  browser,
  GOOD_PASSWORD,
} from '../services/accounts.fixtures.js';
import { describeEachEngine } from '../support/engines.js';

describeEachEngine('session HTTP: second factor and first sign-in', (get) => {
  let w: AccountsWorld;
  let app: FastifyInstance;
  beforeAll(async () => {
    w = accountsWorld(get());
    app = await appFor(w);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('makes an office user enrol TOTP before anything else, then asks for a code at every sign-in', async () => {
    const u = await w.person('office', 'office');
    const b = browser(app);
    const first = await b.signIn(u.login);
    expect(first.json().me).toMatchObject({ mustEnrolTotp: true, totpEnabled: false });
    const blocked = await b.call('GET', '/api/v1/tokens');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().message.en).toContain('second factor');

    const enrol = await b.call('POST', '/api/v1/me/totp', undefined, { 'x-csrf-token': b.csrf });
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUri } = enrol.json();
    expect(otpauthUri).toContain(`secret=${secret}`);
    const stored = await w.ctx.db
      .selectFrom('user_credentials')
      .select('totp_secret')
      .where('user_id', '=', u.id)
      .executeTakeFirst();
    expect(stored?.totp_secret).toMatch(/^aes-256-gcm:/);
    expect(stored?.totp_secret).not.toContain(secret);

    const key = base32Decode(secret);
    const wrong = await b.call(
      'POST',
      '/api/v1/me/totp/confirm',
      { code: '000000' },
      { 'x-csrf-token': b.csrf },
    );
    expect(wrong.statusCode).toBe(400);
    const ok = await b.call(
      'POST',
      '/api/v1/me/totp/confirm',
      { code: totp(key, w.clock.now()) },
      { 'x-csrf-token': b.csrf },
    );
    expect(ok.json()).toMatchObject({ totpEnabled: true, mustEnrolTotp: false });
    expect((await b.call('GET', '/api/v1/tokens')).statusCode).toBe(200);

    w.minutes(1);
    const noCode = await browser(app).signIn(u.login);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().errors).toEqual([expect.objectContaining({ field: 'totp' })]);
    const badCode = await browser(app).signIn(u.login, GOOD_PASSWORD, '123456');
    expect(badCode.json().message.en).toMatch(/^Sign-in failed/);
    const code = totp(key, w.clock.now());
    expect((await browser(app).signIn(u.login, GOOD_PASSWORD, code)).statusCode).toBe(200);
    // The same code is never accepted twice.
    expect((await browser(app).signIn(u.login, GOOD_PASSWORD, code)).statusCode).toBe(401);
  });

  it('does not ask a viewer for a second factor unless configured to', async () => {
    const u = await w.person('plain-viewer', 'viewer');
    expect((await browser(app).signIn(u.login)).json().me.mustEnrolTotp).toBe(false);
    const strict = await appFor(accountsWorldWith(w, ['viewer']));
    try {
      expect((await browser(strict).signIn(u.login)).json().me.mustEnrolTotp).toBe(true);
    } finally {
      await strict.close();
    }
  });

  it('makes a new account change its one-time secret first; the new password must pass the policy', async () => {
    const admin = await loadActor(w.ctx, await w.person('sys', 'system_admin'));
    const { account, oneTimeSecret } = await createAccount(w.ctx, w.settings, admin, {
      login: 'first-timer',
    });
    const b = browser(app);
    const res = await b.signIn(account.login, oneTimeSecret);
    expect(res.json().me.mustChangePassword).toBe(true);
    expect((await b.call('GET', '/api/v1/tokens')).json().message.en).toContain('Change your password first');
    const weak = await b.call(
      'POST',
      '/api/v1/me/password',
      { currentPassword: oneTimeSecret, newPassword: 'first-timer1' },
      { 'x-csrf-token': b.csrf },
    );
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { field: 'newPassword', message: { zh: '密码不得包含登录名', en: 'must not contain the login' } },
    ]);
    const changed = await b.call(
      'POST',
      '/api/v1/me/password',
      { currentPassword: oneTimeSecret, newPassword: 'Songhua-River-88' },
      { 'x-csrf-token': b.csrf },
    );
    expect(changed.statusCode).toBe(204);
    expect((await b.call('GET', '/api/v1/me')).json().mustChangePassword).toBe(false);
    expect((await b.call('GET', '/api/v1/tokens')).statusCode).toBe(200);
  });
});

/** The same world, with TOTP required for other roles. */
function accountsWorldWith(w: AccountsWorld, totpRoles: string[]): AccountsWorld {
  return { ...w, settings: { ...w.settings, totpRoles } };
}
