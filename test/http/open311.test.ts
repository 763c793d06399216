import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { DEFAULT_HARDENING } from '../../src/http/plugins/security.js';
import { describeEachEngine } from '../support/engines.js';
import { type ProblemWorld, problemWorld } from '../support/problem-world.js';

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

const smoke = {
  service_code: 'air',
  jurisdiction_id: '220184',
  description: '范家屯镇某砖厂烟囱夜间冒黑烟，气味刺鼻。<script>alert(1)</script>',
  address_string: '公主岭市范家屯镇某砖厂',
};

describeEachEngine('Open311 GeoReport v2 intake', (getDb) => {
  let w: ProblemWorld;
  let app: FastifyInstance;
  beforeAll(async () => {
    w = await problemWorld(getDb());
    app = await buildApp({ ctx: w.ctx, hardening: { ...DEFAULT_HARDENING, publicSubmitsPerHour: 100 } });
  });

  it('lists the pollution types as services, in JSON and in XML', async () => {
    const json = await app.inject({ url: '/open311/v2/services.json' });
    expect(json.statusCode).toBe(200);
    expect(json.json().map((s: { service_code: string }) => s.service_code)).toContain('noise');
    const xml = await app.inject({ url: '/open311/v2/services.xml' });
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>air<\/service_code>/,
    );
    expect((await app.inject({ url: '/open311/v2/services.csv' })).statusCode).toBe(400);
  });

  it('takes a form-encoded request from a client, seals the reporter, and reports its status by id', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      ...form({ ...smoke, first_name: '秀英', last_name: '赵', phone: '13912345678' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const [receipt] = res.json();
    expect(receipt.service_request_id).toMatch(/^JB20200803-/);
    const row = await w.ctx.db
      .selectFrom('complaints')
      .selectAll()
      .where('tracking_code', '=', receipt.service_request_id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'open311',
      anonymous: 0,
      region_code: '220184',
      pollution_type: 'air',
    });
    const sealed = await w.ctx.db
      .selectFrom('complainant_identities')
      .selectAll()
      .where('complaint_id', '=', row.id)
      .execute();
    expect(sealed).toHaveLength(1);
    expect(JSON.stringify(sealed)).not.toContain('13912345678');

    const status = await app.inject({ url: `/open311/v2/requests/${receipt.service_request_id}.xml` });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('<status>open</status>');
    expect(status.body).not.toContain('赵');
    expect(status.body).not.toContain('<script>');
    const list = await app.inject({
      url: `/open311/v2/requests.json?service_request_id=${receipt.service_request_id},JB20200803-0000000000`,
    });
    expect(list.json().map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      receipt.service_request_id,
    ]);
    expect((await app.inject({ url: '/open311/v2/requests.json' })).statusCode).toBe(400);
  });

  it('accepts an anonymous JSON request and answers errors in Open311 shape', async () => {
    const ok = await app.inject({ method: 'POST', url: '/open311/v2/requests.xml', payload: smoke });
    expect(ok.statusCode).toBe(201);
    expect(ok.body).toContain('<service_request_id>JB');
    const bad = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      ...form({ ...smoke, service_code: 'unicorns', phone: '123' }),
    });
    expect(bad.statusCode).toBe(400);
    const [error] = bad.json();
    expect(error.code).toBe(400);
    expect(error.description).toContain('pollutionType');
    expect(error.description).not.toContain('123,');
    const missing = await app.inject({ url: '/open311/v2/requests/JB20200803-0000000000.json' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: expect.stringContaining('not found') }]);
  });
});
