import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken, type User } from '../../src/services/accounts.service.js';
import { type AccountsWorld, accountsWorld, appFor } from '../services/accounts.fixtures.js';
import { describeEachEngine } from '../support/engines.js';

describeEachEngine('accounts HTTP: users and tokens', (get) => {
  let w: AccountsWorld;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const users: Record<string, User> = {};
  const as =
    (who: string) =>
    (
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      payload?: object,
      headers: Record<string, string> = {},
    ) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        payload,
        headers: { authorization: `Bearer ${tokens[who]}`, ...headers },
      });
  beforeAll(async () => {
    w = accountsWorld(get());
    app = await appFor(w);
    for (const role of ['system_admin', 'security_admin', 'audit_admin', 'office']) {
      users[role] = await w.person(role.replace('_', '-'), role);
      tokens[role] = (await createToken(w.ctx, users[role]!.login)).token;
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens an account: 201, Location, ETag and a one-time secret, for the system administrator only', async () => {
    const res = await as('system_admin')('POST', '/users', { login: 'li.na', displayName: '李娜' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ login: 'li.na', role: 'viewer', mustChangePassword: true, version: 1 });
    expect(body.oneTimeSecret).toHaveLength(20);
    expect(res.headers.location).toBe(`/api/v1/users/${body.id}`);
    expect(res.headers.etag).toBe('"1"');
    const refused = await as('security_admin')('POST', '/users', { login: 'zhao.lei' });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().message.en).toBe('Only the system administrator creates accounts');
    expect((await app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
    expect((await as('office')('GET', '/users')).statusCode).toBe(403);
    expect((await as('audit_admin')('GET', '/users')).statusCode).toBe(200);
  });

  it('edits and disables with If-Match: 428 without, 412 when stale; a disabled account cannot use its token', async () => {
    const created = (await as('system_admin')('POST', '/users', { login: 'wang.fang' })).json();
    const { token } = await createToken(w.ctx, 'wang.fang');
    const url = `/users/${created.id}`;
    expect((await as('system_admin')('PATCH', url, { active: false })).statusCode).toBe(428);
    const ok = await as('system_admin')('PATCH', url, { active: false }, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect((await as('system_admin')('PATCH', url, { active: true }, { 'if-match': '"1"' })).statusCode).toBe(
      412,
    );
    const denied = await app.inject({
      method: 'GET',
      url: '/api/v1/tokens',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(denied.statusCode).toBe(401);
  });

  it('grants roles as the security administrator only, never to oneself', async () => {
    const created = (await as('system_admin')('POST', '/users', { login: 'chen.jie' })).json();
    const url = `/users/${created.id}/roles`;
    const granted = await as('security_admin')('POST', url, { role: 'complaint_handler' });
    expect(granted.json()).toMatchObject({ role: 'complaint_handler', version: 2 });
    const bySys = await as('system_admin')('POST', url, { role: 'office' });
    expect(bySys.json()).toMatchObject({
      status: 403,
      message: { en: 'Only the security administrator grants roles' },
    });
    const self = await as('security_admin')('POST', `/users/${users.security_admin!.id}/roles`, {
      role: 'office',
    });
    expect(self.json()).toMatchObject({ status: 403, message: { zh: '任何人不得修改自己的角色' } });
    expect((await as('security_admin')('POST', url, { role: 'emperor' })).statusCode).toBe(400);
  });

  it('creates, lists, uses and revokes API tokens; expired and revoked ones stop working', async () => {
    const office = as('office');
    const created = await office('POST', '/tokens', { name: 'ETL', expiresInDays: 7 });
    expect(created.statusCode).toBe(201);
    const { id, token, expiresAt } = created.json();
    expect(expiresAt).toBe('2020-08-10T02:00:00.000Z');
    const use = () =>
      app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { authorization: `Bearer ${token}` } });
    const listed = (await use()).json().items.find((t: { id: string }) => t.id === id);
    expect(listed).toMatchObject({ name: 'ETL', lastUsedAt: '2020-08-03T02:00:00.000Z', revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(token);
    await use();
    const uses = await w.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'token.used')
      .where('resource_id', '=', id)
      .execute();
    expect(uses).toHaveLength(1); // at most one audit row a minute per token
    w.clock.advanceDays(7);
    expect((await use()).statusCode).toBe(401);
    expect((await office('POST', '/tokens', { name: 'too long', expiresInDays: 400 })).statusCode).toBe(400);

    const second = (await office('POST', '/tokens', { name: 'report', expiresInDays: 30 })).json();
    expect((await as('security_admin')('DELETE', `/tokens/${second.id}`)).statusCode).toBe(404);
    expect((await office('DELETE', `/tokens/${second.id}`)).statusCode).toBe(204);
    const revoked = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${second.token}` },
    });
    expect(revoked.statusCode).toBe(401);
  });
});
