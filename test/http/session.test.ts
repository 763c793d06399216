import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken } from '../../src/services/accounts.service.js';
import {
  type AccountsWorld,
  accountsWorld,
  appFor,
  browser,
  GOOD_PASSWORD,
} from '../services/accounts.fixtures.js';
import { describeEachEngine } from '../support/engines.js';

describeEachEngine('session HTTP: sign-in, cookies, CSRF, expiry', (get) => {
  let w: AccountsWorld;
  let app: FastifyInstance;
  beforeAll(async () => {
    w = accountsWorld(get());
    app = await appFor(w);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('signs in with an httpOnly, SameSite=Strict, Secure __Host- cookie and a CSRF token', async () => {
    const u = await w.person('viewer', 'viewer');
    const b = browser(app);
    const res = await b.signIn(u.login);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(
      /^__Host-duban_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({
      csrfToken: b.csrf,
      me: { user: { login: u.login, role: 'viewer' }, mustChangePassword: false },
    });
    const me = await b.call('GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      csrfToken: b.csrf,
      roleLabel: { zh: '查看者' },
      session: { expiresAt: '2020-08-03T14:00:00.000Z' },
    });
  });

  it('answers every failed sign-in with the same 401 body', async () => {
    const u = await w.person('victim', 'viewer');
    const bodies = [];
    for (const [login, password] of [
      ['no-such-user', GOOD_PASSWORD],
      [u.login, 'Wrong-password1'],
    ]) {
      const res = await browser(app).signIn(login!, password);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      bodies.push(res.body);
    }
    expect(bodies[0]).toBe(bodies[1]);
    expect(JSON.parse(bodies[0]!).message.zh).toBe('登录失败：登录名或密码错误，或账号已锁定、停用');
  });

  it('requires x-csrf-token on cookie-authenticated changes, not on bearer-token requests', async () => {
    const u = await w.person('csrf', 'viewer');
    const b = browser(app);
    await b.signIn(u.login);
    const body = { name: 'laptop', expiresInDays: 30 };
    const refused = await b.call('POST', '/api/v1/tokens', body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message.en).toContain('x-csrf-token');
    expect((await b.call('POST', '/api/v1/tokens', body, { 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect((await b.call('POST', '/api/v1/tokens', body, { 'x-csrf-token': b.csrf })).statusCode).toBe(201);
    expect((await b.call('GET', '/api/v1/tokens')).statusCode).toBe(200);
    const { token } = await createToken(w.ctx, u.login);
    const bearer = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: body,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearer.statusCode).toBe(201);
  });

  it('ends a session idle for 30 minutes (15 for an administrator)', async () => {
    const clerk = browser(app);
    const admin = browser(app);
    await clerk.signIn((await w.person('idle-clerk', 'unit_staff')).login);
    // GET /me is allowed while the administrator's second factor is still to be enrolled.
    await admin.signIn((await w.person('idle-admin', 'system_admin')).login);
    w.minutes(14);
    expect((await admin.call('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await clerk.call('GET', '/api/v1/me')).statusCode).toBe(200);
    w.minutes(15);
    expect((await admin.call('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await clerk.call('GET', '/api/v1/me')).statusCode).toBe(200);
    w.minutes(30);
    const expired = await clerk.call('GET', '/api/v1/me');
    expect(expired.statusCode).toBe(401);
    expect(String(expired.headers['set-cookie'])).toMatch(/__Host-duban_session=;/);
  });

  it('ends any session 12 hours after sign-in, however active', async () => {
    const b = browser(app);
    await b.signIn((await w.person('busy', 'viewer')).login);
    for (let i = 0; i < 35; i++) {
      w.minutes(20);
      expect((await b.call('GET', '/api/v1/me')).statusCode).toBe(200);
    }
    w.minutes(20); // 12 h 00 min
    expect((await b.call('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('signs out one session, or all of them everywhere', async () => {
    const u = await w.person('everywhere', 'viewer');
    const [laptop, phone, tablet] = [browser(app), browser(app), browser(app)];
    for (const b of [laptop, phone, tablet]) await b.signIn(u.login);
    const out = await tablet.call('DELETE', '/api/v1/session', undefined, { 'x-csrf-token': tablet.csrf });
    expect(out.statusCode).toBe(204);
    expect((await tablet.call('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await phone.call('GET', '/api/v1/me')).statusCode).toBe(200);
    const all = await laptop.call('POST', '/api/v1/session/revoke-all', undefined, {
      'x-csrf-token': laptop.csrf,
    });
    expect(all.json()).toEqual({ revoked: 2 });
    expect((await laptop.call('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await phone.call('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('rotates the session id on sign-in: the cookie presented before stops working', async () => {
    const u = await w.person('rotate', 'viewer');
    const b = browser(app);
    await b.signIn(u.login);
    const before = b.cookie;
    await b.signIn(u.login);
    expect(b.cookie).not.toBe(before);
    const old = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: before } });
    expect(old.statusCode).toBe(401);
  });

  it('limits sign-in attempts per IP and login', async () => {
    const limited = await appFor(w, { signInPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++)
        codes.push((await browser(limited).signIn('rate-limited', 'Wrong-password1')).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      const res = await browser(limited).signIn('rate-limited', 'Wrong-password1');
      expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
      expect(res.headers['retry-after']).toBeDefined();
      expect((await browser(limited).signIn('another-login', 'Wrong-password1')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('sends security headers with a CSP that keeps the API docs working', async () => {
    const docs = await app.inject({ method: 'GET', url: '/api/docs/static/index.html' });
    const csp = String(docs.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    expect(docs.headers['strict-transport-security']).toContain('max-age=');
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/no-such-thing',
      headers: { authorization: 'Bearer dbn_nope' },
    });
    expect(missing.body).not.toMatch(/at .*\.ts:\d+/);
  });
});
