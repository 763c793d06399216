import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createToken } from '../../src/services/accounts.service.js';
import {
  type CampaignWorld,
  campaignWorld,
  countRows,
  eventTypes,
  jilinCampaign,
} from '../services/campaigns.fixtures.js';
import { describeEachEngine } from '../support/engines.js';

describeEachEngine('campaigns HTTP', (get) => {
  let w: CampaignWorld;
  let app: FastifyInstance;
  const tokens = { office: '', viewer: '' };
  const call = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    app.inject({ method, url, payload, headers: { authorization: `Bearer ${tokens.office}`, ...headers } });
  const create = async (overrides = {}) =>
    (await call('POST', '/api/v1/campaigns', jilinCampaign(overrides))).json();

  beforeAll(async () => {
    w = await campaignWorld(get());
    tokens.office = (await createToken(w.ctx, 'dcb')).token;
    tokens.viewer = (await createToken(w.ctx, 'guest')).token;
    app = await buildApp({ ctx: w.ctx });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a campaign: 201, ETag, Location, and reads it back with names and rules', async () => {
    const res = await call('POST', '/api/v1/campaigns', jilinCampaign());
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/api/v1/campaigns/${c.id}`);
    const read = await call('GET', `/api/v1/campaigns/${c.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toMatchObject({
      name: '强化监督重点帮扶专项行动',
      rules: { dispatchEvery: 'weekly', planDueWorkingDays: 30, noticePeriod: { length: 7, unit: 'days' } },
      workGroupCount: 0,
    });
    expect(read.json().targetRegions).toContainEqual({ code: '220581', name: '梅河口市', level: 'county' });
  });

  it('asks for a token, refuses a viewer and answers 404 for an unknown campaign', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/campaigns' })).statusCode).toBe(401);
    const viewer = await call('POST', '/api/v1/campaigns', jilinCampaign(), {
      authorization: `Bearer ${tokens.viewer}`,
    });
    expect(viewer.statusCode).toBe(403);
    expect(viewer.headers['content-type']).toContain('application/problem+json');
    expect((await call('GET', '/api/v1/campaigns/no-such-campaign')).json()).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('lists campaigns newest first, filtered by province and kind', async () => {
    const a = await create({
      name: '河北整改（一）',
      provinceCode: '130000',
      kind: 'inspection',
      targetRegionCodes: ['130100'],
    });
    const b = await create({
      name: '河北整改（二）',
      provinceCode: '130000',
      kind: 'inspection',
      targetRegionCodes: ['130200'],
    });
    const res = await call('GET', '/api/v1/campaigns?provinceCode=130000&kind=inspection');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((c: { id: string }) => c.id);
    expect(ids).toContain(a.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(res.json().nextCursor).toBeNull();
    expect((await call('GET', '/api/v1/campaigns?kind=weekly')).statusCode).toBe(400);
    const badCursor = await call('GET', '/api/v1/campaigns?cursor=not-ours');
    expect(badCursor.json()).toMatchObject({ status: 400, errors: [{ field: 'cursor' }] });
  });

  it('changes a campaign with If-Match: 200 and a new ETag, 412 when stale, 428 without', async () => {
    const c = await create();
    const url = `/api/v1/campaigns/${c.id}`;
    const ok = await call('PATCH', url, { endsOn: '2020-08-31' }, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json()).toMatchObject({ endsOn: '2020-08-31', version: 2 });

    const stale = await call('PATCH', url, { name: '过期' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({
      code: 'VERSION_CONFLICT',
      message: { zh: expect.stringContaining('已被他人修改') },
    });
    const missing = await call('PATCH', url, { name: '无版本' });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().errors).toEqual([
      { field: 'If-Match', message: { zh: '缺少版本号', en: 'missing' } },
    ]);
    expect((await call('PATCH', url, { provinceCode: '130000' }, { 'if-match': '"2"' })).statusCode).toBe(
      400,
    );
    expect((await call('GET', url)).json()).toMatchObject({ name: '强化监督重点帮扶专项行动', version: 2 });
    expect(await eventTypes(w.ctx, c.id)).toEqual(['1:campaign.created', '2:campaign.updated']);
  });

  it('returns the first campaign when a POST is retried with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'jilin-special-action-2020' };
    const first = await call('POST', '/api/v1/campaigns', jilinCampaign(), headers);
    const before = await countRows(w.ctx, 'campaigns');
    const retry = await call('POST', '/api/v1/campaigns', jilinCampaign(), headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(await countRows(w.ctx, 'campaigns')).toBe(before);
    const different = await call('POST', '/api/v1/campaigns', jilinCampaign({ name: '另一个' }), headers);
    expect(different.statusCode).toBe(422);
  });

  it('answers 400 problem+json naming each failing field in Chinese and English, writing nothing', async () => {
    const before = [await countRows(w.ctx, 'campaigns'), await countRows(w.ctx, 'events')];
    const res = await call(
      'POST',
      '/api/v1/campaigns',
      jilinCampaign({
        endsOn: '2020-07-01',
        targetRegionCodes: ['220100', '229999'],
        areas: ['air', 'noise'],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: { zh: '输入有误', en: 'Invalid input' },
    });
    expect(body.errors).toEqual([
      { field: 'endsOn', message: { zh: '结束日期不能早于开始日期', en: 'must not be before startsOn' } },
      {
        field: 'targetRegionCodes.1',
        message: { zh: '行政区划不存在：229999', en: 'unknown region code: 229999' },
      },
      { field: 'areas.1', message: { zh: '未知的area代码：noise', en: 'unknown area code: noise' } },
    ]);
    expect([await countRows(w.ctx, 'campaigns'), await countRows(w.ctx, 'events')]).toEqual(before);
  });

  it('rejects malformed bodies by schema, naming the field', async () => {
    const { name: _name, ...noName } = jilinCampaign();
    const missing = await call('POST', '/api/v1/campaigns', noName);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toContainEqual({
      field: 'name',
      message: { zh: '此项必填', en: 'is required' },
    });
    const bad = await call(
      'POST',
      '/api/v1/campaigns',
      jilinCampaign({ settings: { planDueWorkingDays: 0 } }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['settings.planDueWorkingDays']);
  });

  it('documents the routes in the OpenAPI document under the campaigns tag', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.paths['/api/v1/campaigns/{id}'].patch.tags).toEqual(['campaigns']);
    expect(doc.paths['/api/v1/work-groups/{id}/site-visits'].post.summary).toContain('Record a site visit');
  });
});
