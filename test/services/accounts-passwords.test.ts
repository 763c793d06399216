import { beforeAll, expect, it } from 'vitest';
import { getCredentials } from '../../src/services/accounts/credentials.js';
import { describeMe } from '../../src/services/accounts/me.js';
import { changePassword, setDemoPassword } from '../../src/services/accounts/password.service.js';
import { initFirstAdmin, resetPassword } from '../../src/services/accounts/recovery.service.js';
import { signIn } from '../../src/services/accounts/sign-in.service.js';
import { findUserByLogin } from '../../src/services/accounts.service.js';
import { describeEachEngine } from '../support/engines.js';
import { type AccountsWorld, accountsWorld, auditTrail, GOOD_PASSWORD } from './accounts.fixtures.js';

const fieldsOf = (e: unknown) =>
  ((e as { fields?: { field: string; message: { zh: string; en: string } }[] }).fields ?? []).map(
    (f) => `${f.field}: ${f.message.en}`,
  );

describeEachEngine('accounts: passwords', (get) => {
  let w: AccountsWorld;
  beforeAll(() => {
    w = accountsWorld(get());
  });

  it('changes a password after checking the current one and the policy, bilingually', async () => {
    const u = await w.person('changer', 'viewer');
    const wrong = await changePassword(w.ctx, w.settings, u, {
      currentPassword: 'nope',
      newPassword: 'Jinshan-Yinshan7',
    }).catch((e) => e);
    expect(fieldsOf(wrong)).toEqual(['currentPassword: is not the current password']);
    const weak = await changePassword(w.ctx, w.settings, u, {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'woaini1314',
    }).catch((e) => e);
    expect(fieldsOf(weak)).toEqual([
      'newPassword: must mix at least 3 of: lower-case, upper-case, digits, symbols',
      'newPassword: is too common; choose another',
    ]);
    expect(weak.fields[0].message.zh).toContain('至少 3 类');
    await changePassword(w.ctx, w.settings, u, {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'Jinshan-Yinshan7',
    });
    await expect(
      signIn(w.ctx, w.settings, { login: u.login, password: 'Jinshan-Yinshan7' }),
    ).resolves.toBeTruthy();
    expect(await auditTrail(w.ctx, u.id)).toEqual([
      'user.created:success',
      'auth.password_change_failed:failure',
      'auth.password_changed:success',
      'auth.sign_in:success',
    ]);
  });

  it('refuses any of the last five passwords and accepts the sixth-last again', async () => {
    const u = await w.person('history', 'viewer');
    const passwords = [
      GOOD_PASSWORD,
      'Second-Pass2',
      'Third-Pass3',
      'Fourth-Pass4',
      'Fifth-Pass5',
      'Sixth-Pass6',
    ];
    for (let i = 1; i < passwords.length; i++) {
      await changePassword(w.ctx, w.settings, u, {
        currentPassword: passwords[i - 1]!,
        newPassword: passwords[i]!,
      });
    }
    for (const old of passwords.slice(1)) {
      const refused = await changePassword(w.ctx, w.settings, u, {
        currentPassword: 'Sixth-Pass6',
        newPassword: old,
      }).catch((e) => e);
      expect(fieldsOf(refused)).toEqual(['newPassword: must differ from the last 5 passwords']);
    }
    await changePassword(w.ctx, w.settings, u, {
      currentPassword: 'Sixth-Pass6',
      newPassword: GOOD_PASSWORD,
    });
    const kept = await w.ctx.db
      .selectFrom('password_history')
      .select('id')
      .where('user_id', '=', u.id)
      .execute();
    expect(kept).toHaveLength(5);
  });

  it('creates the first system administrator with a one-time secret that must be changed', async () => {
    const { account, oneTimeSecret } = await initFirstAdmin(w.ctx, w.settings, { login: 'root-admin' });
    expect(account).toMatchObject({ role: 'system_admin', mustChangePassword: true });
    expect(oneTimeSecret).toMatch(/^.{20}$/);
    const user = (await findUserByLogin(w.ctx, 'root-admin'))!;
    await signIn(w.ctx, w.settings, { login: 'root-admin', password: oneTimeSecret });
    expect(await describeMe(w.ctx, w.settings, user)).toMatchObject({
      mustChangePassword: true,
      mustEnrolTotp: true,
    });
    await changePassword(w.ctx, w.settings, user, {
      currentPassword: oneTimeSecret,
      newPassword: 'Admin-Qingshan-42',
    });
    expect((await describeMe(w.ctx, w.settings, user)).mustChangePassword).toBe(false);
    await expect(initFirstAdmin(w.ctx, w.settings, { login: 'second-root' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await auditTrail(w.ctx, user.id)).toContain('user.created:success');
  });

  it('resets a forgotten password to a one-time secret and signs the account out everywhere', async () => {
    const u = await w.person('forgetful', 'viewer');
    const first = await signIn(w.ctx, w.settings, { login: u.login, password: GOOD_PASSWORD });
    const { oneTimeSecret } = await resetPassword(w.ctx, w.settings, null, u.id);
    const session = await w.ctx.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('user_id', '=', u.id)
      .executeTakeFirst();
    expect(session?.revoked_at).not.toBeNull();
    expect(first.token).toBeTruthy();
    await expect(
      signIn(w.ctx, w.settings, { login: u.login, password: GOOD_PASSWORD }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await signIn(w.ctx, w.settings, { login: u.login, password: oneTimeSecret });
    expect((await getCredentials(w.ctx.db, u.id))?.must_change_password).toBe(1);
  });

  it('sets demo passwords only in demo mode', async () => {
    const u = await w.person('demo-user', 'viewer');
    await expect(setDemoPassword(w.ctx, w.settings, u.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const demo = { ...w.settings, mode: 'demo' as const };
    const password = await setDemoPassword(w.ctx, demo, u.id);
    await expect(signIn(w.ctx, demo, { login: u.login, password })).resolves.toBeTruthy();
  });
});
