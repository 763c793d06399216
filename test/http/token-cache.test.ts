import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createToken, type User } from '../../src/services/accounts.service.js';
import { createServiceContext, type ServiceContext } from '../../src/services/context.js';
import { type AccountsWorld, accountsWorld } from '../services/accounts.fixtures.js';
import { describeEachEngine } from '../support/engines.js';

/** With the per-process caches on (as `serve` runs): a cached token must not outlive its grant. */
describeEachEngine('API tokens with the per-process cache on', (get) => {
  let w: AccountsWorld;
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let admin: string;
  let office: User;
  beforeAll(async () => {
    w = accountsWorld(get());
    const database = get();
    // An hour: nothing here expires by time, so only invalidation can make a change visible.
    ctx = createServiceContext(database.db, database.engine, { clock: w.clock, cacheTtlMs: 3_600_000 });
    app = await buildApp({ ctx, accounts: w.settings, hardening: { signInPerMinute: 1000 } });
    admin = (await createToken(ctx, (await w.person('sys', 'system_admin')).login)).token;
    office = await w.person('office', 'office');
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = (
    token: string,
    method: 'GET' | 'PATCH' | 'DELETE' = 'GET',
    url = '/tokens',
    payload?: object,
  ) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      payload,
      headers: { authorization: `Bearer ${token}`, ...(method === 'PATCH' ? { 'if-match': '"1"' } : {}) },
    });
  const auditedUses = (tokenId: string) =>
    ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'token.used')
      .where('resource_id', '=', tokenId)
      .execute();

  it('audits use once a minute, and again in the next minute, while the token is cached', async () => {
    const { token, id } = await createToken(ctx, office.login);
    for (let i = 0; i < 3; i++) expect((await call(token)).statusCode).toBe(200);
    expect(await auditedUses(id)).toHaveLength(1);
    w.minutes(1);
    for (let i = 0; i < 3; i++) expect((await call(token)).statusCode).toBe(200);
    expect(await auditedUses(id)).toHaveLength(2);
    const listed = (await call(token)).json().items.find((t: { id: string }) => t.id === id);
    expect(listed.lastUsedAt).toBe(w.clock.now().toISOString());
  });

  it('a revoked token stops working at once in this process', async () => {
    const { token, id } = await createToken(ctx, office.login);
    expect((await call(token)).statusCode).toBe(200);
    expect((await call(token, 'DELETE', `/tokens/${id}`)).statusCode).toBe(204);
    expect((await call(token)).statusCode).toBe(401);
  });

  it("a disabled account's cached token stops working at once", async () => {
    const user = await w.person('soon-gone', 'office');
    const { token } = await createToken(ctx, user.login);
    expect((await call(token)).statusCode).toBe(200);
    expect((await call(admin, 'PATCH', `/users/${user.id}`, { active: false })).statusCode).toBe(200);
    expect((await call(token)).statusCode).toBe(401);
  });

  it('an expired token stops working even while cached', async () => {
    const { token } = await createToken(ctx, office.login, { expiresInDays: 1 });
    expect((await call(token)).statusCode).toBe(200);
    w.clock.advanceDays(1);
    expect((await call(token)).statusCode).toBe(401);
  });
});
