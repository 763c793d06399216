import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { fourNotLetGo, newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

describeEachEngine('problem lifecycle over HTTP', (get) => {
  let w: ProblemWorld;
  beforeAll(async () => {
    w = await problemWorld(get());
  });

  /** Runs one action with the current version and expects success. */
  async function act(who: keyof ProblemWorld['tokens'], id: string, action: string, body: unknown = {}) {
    const current = await w.as('office')('GET', `/problems/${id}`);
    const res = await w.as(who)('POST', `/problems/${id}/${action}`, body, {
      'if-match': current.headers.etag as string,
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    return res.json();
  }

  it('takes a problem from registration to closure, and reopens it on rebound', async () => {
    const created = await w.as('office')('POST', '/problems', newProblem(w.campaignId));
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p.code).toBe('JL-2020-0001');
    expect(p).toMatchObject({ status: 'registered', version: 1, regionName: '公主岭市' });
    expect(created.headers.etag).toBe('"1"');

    await act('office', p.id, 'assign', {
      leadUnitId: w.units.gzlBureau.id,
      coUnitIds: [w.units.gzlWater.id],
      deadline: '2020-12-31',
    });
    const acknowledged = await act('clerk', p.id, 'acknowledge');
    expect(acknowledged.planDueOn).toBe('2020-08-24'); // 15 working days from Monday 2020-08-03
    await act('clerk', p.id, 'submit-plan', {
      goal: '出水稳定达到一级A标准',
      measures: [
        { text: '实施提标改造', owner: '公主岭市生态环境局', dueOn: '2020-10-31' },
        { text: '更换在线监测设备', owner: '公主岭市水利局', dueOn: '2020-09-30' },
      ],
      deadline: '2020-12-31',
      kind: 'deadline',
    });
    await act('office', p.id, 'return-plan', { comments: '措施不够具体，请明确碳源投加方案' });
    await act('clerk', p.id, 'submit-plan', {
      goal: '出水稳定达到一级A标准',
      measures: [
        { id: 'm1', text: '实施提标改造并明确碳源投加', owner: '公主岭市生态环境局', dueOn: '2020-10-31' },
      ],
      deadline: '2020-12-31',
      kind: 'deadline',
    });
    await act('office', p.id, 'approve-plan');
    await act('expert', p.id, 'add-expert-opinion', {
      rootCause: '进水碳氮比失衡',
      recommendations: '增设碳源投加并加强运维考核',
    });
    w.clock.set('2020-10-20T02:00:00Z');
    const progressed = await act('clerk', p.id, 'report-progress', {
      reportedOn: '2020-10-20',
      text: '提标改造完成，连续监测达标',
      evidence: ['监测报告'],
      measuresDone: ['m1'],
    });
    expect(progressed.plan.measures[0].doneOn).toBe('2020-10-20');
    await act('clerk', p.id, 'request-closure', { fourNotLetGo });

    w.clock.set('2020-10-22T02:00:00Z');
    // The unit that did the work can never accept its own closure.
    const current = await w.as('office')('GET', `/problems/${p.id}`);
    const own = await w.as('clerk')(
      'POST',
      `/problems/${p.id}/accept-closure`,
      { checkedOn: '2020-10-22', checkers: ['张三'], opinion: '同意' },
      { 'if-match': current.headers.etag as string },
    );
    expect(own.statusCode).toBe(403);

    const accepted = await act('city', p.id, 'accept-closure', {
      checkedOn: '2020-10-22',
      checkers: ['长春市督察办 李四'],
      opinion: '现场核查，整改到位',
    });
    expect(accepted.status).toBe('handled');
    expect(accepted.noticeEndsOn).toBe('2020-10-29'); // 7 days of public notice

    const early = await w.as('office')(
      'POST',
      `/problems/${p.id}/close`,
      {},
      { 'if-match': `"${accepted.version}"` },
    );
    expect(early.statusCode).toBe(422);

    w.clock.set('2020-10-29T02:00:00Z');
    const closed = await act('office', p.id, 'close');
    expect(closed.status).toBe('closed');
    const reopened = await act('office', p.id, 'reopen', { reason: '群众反映再次出现黑臭（反弹）' });
    expect(reopened).toMatchObject({ status: 'rectifying', reopenCount: 1 });

    const events = (await w.as('office')('GET', `/problems/${p.id}/events`)).json().items;
    expect(events.map((e: { seq: number }) => e.seq)).toEqual(events.map((_: unknown, i: number) => i + 1));
    expect(events[0].type).toBe('problem.registered');
    expect(events.at(-1).type).toBe('problem.reopened');
  });

  it('refuses a stale If-Match with 412 and a missing one with 428', async () => {
    const p = (
      await w.as('office')('POST', '/problems', newProblem(w.campaignId, { title: '秸秆露天焚烧' }))
    ).json();
    const body = { text: '请尽快签收' };
    expect(
      (await w.as('office')('POST', `/problems/${p.id}/urge`, body, { 'if-match': '"1"' })).statusCode,
    ).toBe(200);
    const stale = await w.as('office')('POST', `/problems/${p.id}/urge`, body, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', status: 412 });
    expect(stale.json().message.zh).toBeTruthy();
    const missing = await w.as('office')('POST', `/problems/${p.id}/urge`, body);
    expect(missing.statusCode).toBe(428);
  });

  it('answers a retried create with the same Idempotency-Key once', async () => {
    const headers = { 'idempotency-key': 'retry-0001-abcdef' };
    const body = newProblem(w.campaignId, { title: '燃煤锅炉未按期淘汰' });
    const first = await w.as('office')('POST', '/problems', body, headers);
    const again = await w.as('office')('POST', '/problems', body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const other = await w.as('office')('POST', '/problems', { ...body, title: '另一个问题' }, headers);
    expect(other.statusCode).toBe(422);
    const list = (await w.as('office')('GET', `/problems?q=${encodeURIComponent('燃煤锅炉')}`)).json();
    expect(list.items).toHaveLength(1);
  });

  it('rejects bad input with problem+json naming the fields, and writes nothing', async () => {
    const before = (await w.as('office')('GET', '/problems?limit=200')).json().items.length;
    const res = await w.as('office')(
      'POST',
      '/problems',
      newProblem(w.campaignId, { areas: ['noise'], regionCode: '999999' }),
    );
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['areas.0', 'regionCode']));
    expect(res.json().errors[0].message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    const schema = await w.as('office')('POST', '/problems', { title: '' });
    expect(schema.statusCode).toBe(400);
    expect(schema.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['title', 'source']),
    );
    expect((await w.as('office')('GET', '/problems?limit=200')).json().items.length).toBe(before);
  });

  it('requires a token (401), keeps viewers read-only (403) and hides what a unit may not read (404)', async () => {
    expect((await w.app.inject({ method: 'GET', url: '/api/v1/problems' })).statusCode).toBe(401);
    const p = (
      await w.as('office')('POST', '/problems', newProblem(w.campaignId, { title: '畜禽养殖粪污直排' }))
    ).json();
    expect((await w.as('viewer')('GET', `/problems/${p.id}`)).statusCode).toBe(200);
    expect(
      (await w.as('viewer')('POST', `/problems/${p.id}/urge`, { text: 'x' }, { 'if-match': '"1"' }))
        .statusCode,
    ).toBe(403);
    expect((await w.as('mhkClerk')('GET', `/problems/${p.id}`)).statusCode).toBe(404);
  });

  it('lists by region subtree with keyset pages sorted by deadline', async () => {
    for (const [i, region] of ['220184', '220184', '220102', '220581', '220322'].entries()) {
      const p = (
        await w.as('office')(
          'POST',
          '/problems',
          newProblem(w.campaignId, { title: `分页测试${i}`, regionCode: region }),
        )
      ).json();
      await act('office', p.id, 'assign', {
        leadUnitId: w.units.changchun.id,
        deadline: `2021-0${i + 1}-15`,
      });
    }
    const city = (await w.as('office')('GET', '/problems?regionCode=220100&q=分页测试&limit=2')).json();
    expect(city.items.map((i: { title: string }) => i.title)).toEqual(['分页测试0', '分页测试1']);
    const next = (
      await w.as('office')(`GET`, `/problems?regionCode=220100&q=分页测试&limit=2&cursor=${city.nextCursor}`)
    ).json();
    expect(next.items.map((i: { title: string }) => i.title)).toEqual(['分页测试2']);
    expect(next.nextCursor).toBeNull();
    // 梅河口市 is run by the province directly: its own list, not 通化市's.
    const mhk = (await w.as('office')('GET', '/problems?regionCode=220581&q=分页测试')).json();
    expect(mhk.items.map((i: { title: string }) => i.title)).toEqual(['分页测试3']);
    const county = (
      await w.as('office')('GET', '/problems?regionCode=220184&q=分页测试&status=assigned')
    ).json();
    expect(county.items).toHaveLength(2);
  });
});

describeEachEngine('abilities and edits', (get) => {
  let w: ProblemWorld;
  beforeAll(async () => {
    w = await problemWorld(get());
  });

  it('tells each user what they may do now, and validates edited vocabulary', async () => {
    const p = (await w.as('office')('POST', '/problems', newProblem(w.campaignId))).json();
    expect(p.abilities).toEqual(expect.arrayContaining(['assign', 'dismiss', 'urge', 'edit']));
    await w.as('office')(
      'POST',
      `/problems/${p.id}/assign`,
      { leadUnitId: w.units.gzlBureau.id, deadline: '2020-12-31' },
      { 'if-match': '"1"' },
    );
    const clerkView = (await w.as('clerk')('GET', `/problems/${p.id}`)).json();
    expect(clerkView.abilities).toContain('acknowledge');
    expect(clerkView.abilities).not.toContain('assign');
    expect((await w.as('viewer')('GET', `/problems/${p.id}`)).json().abilities).toEqual([]);
    const bad = await w.as('office')(
      'POST',
      `/problems/${p.id}/edit`,
      { changes: { areas: ['noise'] } },
      { 'if-match': '"2"' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('changes.areas.0');
    const ok = await w.as('office')(
      'POST',
      `/problems/${p.id}/edit`,
      { changes: { title: '公主岭市污水处理厂出水总氮超标' } },
      { 'if-match': '"2"' },
    );
    expect(ok.json()).toMatchObject({ title: '公主岭市污水处理厂出水总氮超标', version: 3 });
  });
});
