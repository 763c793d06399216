import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventsOf, firstBrokenLink } from '../../src/db/event.repository.js';
import { buildApp } from '../../src/http/app.js';
import { addUser, createToken } from '../../src/services/accounts.service.js';
import {
  type CampaignWorld,
  campaignWorld,
  countRows,
  ecologyGroup,
  jilinCampaign,
} from '../services/campaigns.fixtures.js';
import { describeEachEngine } from '../support/engines.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describeEachEngine('campaign work groups and site visits HTTP', (get) => {
  let w: CampaignWorld;
  let app: FastifyInstance;
  let token = '';
  const call = (method: Method, url: string, payload?: object, headers: Record<string, string> = {}) =>
    app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, ...headers } });
  /** A fresh campaign and the ecology department's group in it. */
  const newGroup = async (overrides = {}) => {
    const campaign = (await call('POST', '/api/v1/campaigns', jilinCampaign())).json();
    const res = await call(
      'POST',
      `/api/v1/campaigns/${campaign.id}/work-groups`,
      ecologyGroup(w.units, overrides),
    );
    return { campaign, res, group: res.json() };
  };

  beforeAll(async () => {
    w = await campaignWorld(get());
    token = (await createToken(w.ctx, 'dcb')).token;
    app = await buildApp({ ctx: w.ctx });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('forms the Jilin ecology group for 长春市 and 梅河口市 and lists it under its campaign', async () => {
    const { campaign, res, group } = await newGroup();
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/api/v1/work-groups/${group.id}`);
    expect(group).toMatchObject({
      leadUnit: { name: '吉林省生态环境厅' },
      abilities: { recordSiteVisit: true },
    });
    expect(group.regions.map((r: { name: string }) => r.name)).toEqual(['长春市', '梅河口市']);
    const list = await call('GET', `/api/v1/campaigns/${campaign.id}/work-groups`);
    expect(list.json().items.map((g: { id: string }) => g.id)).toEqual([group.id]);
    const one = await call('GET', `/api/v1/work-groups/${group.id}`);
    expect(one.headers.etag).toBe('"1"');
    expect((await call('GET', `/api/v1/campaigns/${campaign.id}`)).json().workGroupCount).toBe(1);
  });

  it('answers 400 for a region outside the campaign and 404 for an unknown campaign', async () => {
    const { res } = await newGroup({ regionCodes: ['220500'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        field: 'regionCodes.0',
        message: {
          zh: '通化市不在本专项行动的目标地区内',
          en: '通化市 is not inside the campaign’s target regions',
        },
      },
    ]);
    const unknown = await call('POST', '/api/v1/campaigns/nope/work-groups', ecologyGroup(w.units));
    expect(unknown.statusCode).toBe(404);
  });

  it('changes a group and its members only with the current If-Match', async () => {
    const { group } = await newGroup({ members: [] });
    const url = `/api/v1/work-groups/${group.id}`;
    expect((await call('PATCH', url, { name: '新名称' })).statusCode).toBe(428);
    const renamed = await call('PATCH', url, { name: '省生态环境厅第一工作组' }, { 'if-match': '"1"' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.headers.etag).toBe('"2"');

    const expert = { name: '孙专家', memberRole: 'expert', expertise: '土壤污染防治' };
    expect((await call('POST', `${url}/members`, expert, { 'if-match': '"1"' })).statusCode).toBe(412);
    const added = await call('POST', `${url}/members`, expert, {
      'if-match': '"2"',
      'idempotency-key': 'add-sun-expert',
    });
    expect(added.statusCode).toBe(201);
    expect(added.headers.etag).toBe('"3"');
    const retried = await call('POST', `${url}/members`, expert, {
      'if-match': '"2"',
      'idempotency-key': 'add-sun-expert',
    });
    expect(retried.json().members).toHaveLength(1);
    const memberId = added.json().members[0].id;

    expect((await call('DELETE', `${url}/members/${memberId}`)).statusCode).toBe(428);
    expect(
      (await call('DELETE', `${url}/members/${memberId}`, undefined, { 'if-match': '"2"' })).statusCode,
    ).toBe(412);
    const removed = await call('DELETE', `${url}/members/${memberId}`, undefined, { 'if-match': '"3"' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ version: 4, members: [] });

    const events = await eventsOf(w.ctx.db, group.id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(firstBrokenLink(events)).toBeNull();
  });

  it('records site visits and lists the latest first', async () => {
    const { group } = await newGroup();
    const url = `/api/v1/work-groups/${group.id}/site-visits`;
    const body = (visitedOn: string) => ({
      visitedOn,
      regionCode: '220184',
      place: '公主岭市污水处理厂',
      participants: ['王组长', '李专家'],
      summary: '现场查看',
      findings: [{ text: '出水氨氮超标', area: 'water' }],
    });
    const first = await call('POST', url, body('2020-07-28'), { 'idempotency-key': 'visit-2020-07-28' });
    expect(first.statusCode).toBe(201);
    const visit = first.json();
    expect(visit).toMatchObject({ region: { name: '公主岭市' }, campaignId: group.campaignId, version: 1 });
    expect(visit.findings[0]).toMatchObject({ text: '出水氨氮超标', area: 'water', problemId: null });
    expect(
      (await call('POST', url, body('2020-07-28'), { 'idempotency-key': 'visit-2020-07-28' })).json().id,
    ).toBe(visit.id);
    await call('POST', url, body('2020-07-29'));

    const list = await call('GET', url);
    expect(list.json().items.map((v: { visitedOn: string }) => v.visitedOn)).toEqual([
      '2020-07-29',
      '2020-07-28',
    ]);
    const one = await call('GET', `/api/v1/site-visits/${visit.id}`);
    expect(one.headers.etag).toBe('"1"');
    expect(one.json()).toEqual(visit);
  });

  it('refuses a site visit outside the group’s regions or by someone outside the group', async () => {
    const { group } = await newGroup();
    const url = `/api/v1/work-groups/${group.id}/site-visits`;
    const before = await countRows(w.ctx, 'site_visits');
    const outside = await call('POST', url, {
      visitedOn: '2020-07-29',
      regionCode: '220202',
      place: '吉林市',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors.map((e: { field: string }) => e.field)).toEqual(['regionCode']);
    await addUser(w.ctx, { login: 'outsider', role: 'group_member' });
    const outsider = (await createToken(w.ctx, 'outsider')).token;
    const refused = await call(
      'POST',
      url,
      { visitedOn: '2020-07-29', regionCode: '220184', place: '公主岭市' },
      {
        authorization: `Bearer ${outsider}`,
      },
    );
    expect(refused.statusCode).toBe(403);
    expect(await countRows(w.ctx, 'site_visits')).toBe(before);
  });
});
