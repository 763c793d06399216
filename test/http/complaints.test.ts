import { existsSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { DEFAULT_HARDENING } from '../../src/http/plugins/security.js';
import { addUser, createToken } from '../../src/services/accounts.service.js';
import { describeEachEngine } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

// A complainant whose every detail must stay in the vault.
const WHO = {
  name: '赵秀英',
  phone: '13912345678',
  email: 'zhao.xiuying@example.cn',
  idNumber: '22038119800101234X',
};
const SECRETS = [WHO.name, WHO.phone, WHO.email, WHO.idNumber];

const smoke = {
  content: '公主岭市范家屯镇东风村砖厂夜间烟囱冒黑烟，气味刺鼻，附近居民无法开窗。',
  place: '公主岭市范家屯镇东风村砖厂',
  pollutionType: 'air',
  regionCode: '220184',
};

const containsSecret = (text: string) => SECRETS.filter((s) => text.includes(s));

describeEachEngine('complaints and the complainant identity vault', (getDb, engine) => {
  let w: ProblemWorld;
  let logs: string[];
  let app: FastifyInstance;
  let tokens: Record<'handler' | 'cleared' | 'security', string>;
  let trackingCode: string;
  let complaintId: string;

  const call =
    (token: string) =>
    (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${token}`, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });

  beforeAll(async () => {
    w = await problemWorld(getDb());
    logs = [];
    // Every log line of every request, at the most verbose level, is searched for the identity.
    app = await buildApp({
      ctx: w.ctx,
      logger: { level: 'trace', stream: { write: (line: string) => logs.push(line) } },
      logRequests: true,
      hardening: { ...DEFAULT_HARDENING, publicSubmitsPerHour: 1000 },
    });
    const account = async (
      login: string,
      role: 'complaint_handler' | 'security_admin',
      unitId: string | null,
    ) => {
      await addUser(w.ctx, { login, role, unitId });
      return (await createToken(w.ctx, login)).token;
    };
    tokens = {
      handler: await account('handler', 'complaint_handler', w.units.office.id),
      cleared: await account('cleared-handler', 'complaint_handler', w.units.office.id),
      security: await account('security', 'security_admin', null),
    };
  });

  it('takes a complaint from the public and answers with a tracking code', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/public/complaints',
      payload: { ...smoke, complainant: WHO },
    });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    expect(receipt.trackingCode).toMatch(/^JB20200803-[0-9A-Z]{10}$/);
    expect(receipt.answerDueOn).toBe('2020-08-13');
    expect(containsSecret(res.body)).toEqual([]);
    trackingCode = receipt.trackingCode;
    const track = await app.inject({
      method: 'GET',
      url: `/api/v1/public/complaints/${trackingCode.toLowerCase()}`,
    });
    expect(track.statusCode).toBe(200);
    expect(track.json()).toMatchObject({ status: 'received', region: '公主岭市', result: null });
    for (const code of ['JB20200803-0000000000', 'nonsense', '%27%20or%201=1'])
      expect((await app.inject({ method: 'GET', url: `/api/v1/public/complaints/${code}` })).statusCode).toBe(
        404,
      );
  });

  it('refuses bad public input with named fields and without echoing it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/public/complaints',
      payload: { ...smoke, complainant: { name: '钱', phone: '12345' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('complainant.phone');
    expect(res.body).not.toContain('12345');
    const anonymousWithName = await app.inject({
      method: 'POST',
      url: '/api/v1/public/complaints',
      payload: { ...smoke, anonymous: true, complainant: { name: '钱' } },
    });
    expect(anonymousWithName.statusCode).toBe(400);
    const count = await w.ctx.db
      .selectFrom('complaints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('shows staff the complaint in scope, never its complainant', async () => {
    const list = await call(tokens.handler)('GET', '/complaints');
    expect(list.statusCode).toBe(200);
    const [item] = list.json().items;
    complaintId = item.id;
    expect(item).toMatchObject({
      status: 'received',
      hasComplainant: true,
      confidentiality: 'confidential',
      channel: 'web',
    });
    expect(item.abilities.read_identity).toBe(false);
    expect(containsSecret(list.body)).toEqual([]);
    // A unit that was not given the complaint does not know it exists.
    expect((await w.as('clerk')('GET', `/complaints/${complaintId}`)).statusCode).toBe(404);
    expect((await w.as('clerk')('GET', '/complaints')).json().items).toEqual([]);
    expect((await w.as('viewer')('GET', `/complaints/${complaintId}`)).statusCode).toBe(200);
  });

  it('lets only cleared handlers open a confidential identity, and audits every attempt', async () => {
    const url = `/complaints/${complaintId}/complainant`;
    for (const who of ['office', 'viewer', 'city'] as const)
      expect((await w.as(who)('GET', url)).statusCode).toBe(403);
    const uncleared = await call(tokens.handler)('GET', url);
    expect(uncleared.statusCode).toBe(403);
    expect(uncleared.json().message.zh).toContain('举报人保密');
    expect((await w.as('clerk')('GET', url)).statusCode).toBe(404);

    const users = await w.ctx.db
      .selectFrom('users')
      .select(['id', 'version'])
      .where('login', '=', 'cleared-handler')
      .executeTakeFirstOrThrow();
    const selfGrant = await call(tokens.handler)('PUT', `/users/${users.id}/clearances`, {
      clearances: ['complainant_confidential'],
    });
    expect(selfGrant.statusCode).toBe(403);
    const grant = await call(tokens.security)('PUT', `/users/${users.id}/clearances`, {
      clearances: ['complainant_confidential'],
    });
    expect(grant.statusCode, grant.body).toBe(200);
    expect(grant.json().clearances).toEqual(['complainant_confidential']);

    const read = await call(tokens.cleared)('GET', url);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual(WHO);
    expect(read.headers['cache-control']).toBe('no-store');

    const audit = await w.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'actor_id', 'detail'])
      .where('resource_id', '=', complaintId)
      .where('action', '=', 'pii.read')
      .execute();
    expect(audit.filter((a) => a.outcome === 'denied').length).toBeGreaterThanOrEqual(4);
    const success = audit.filter((a) => a.outcome === 'success');
    expect(success).toHaveLength(1);
    expect(success[0]!.actor_id).toBe(users.id);
    expect(JSON.parse(success[0]!.detail)).toEqual({
      purpose: 'handling',
      fields: ['email', 'idNumber', 'name', 'phone'],
    });
  });

  it('lets any handler in scope read a complainant who waived confidentiality', async () => {
    const res = await call(tokens.handler)('POST', '/complaints', {
      ...smoke,
      channel: 'hotline_12369',
      place: '公主岭市怀德镇养殖场',
      pollutionType: 'water',
      confidentiality: 'normal',
      complainant: { name: '孙立', phone: '0434-6212345' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const read = await call(tokens.handler)('GET', `/complaints/${res.json().id}/complainant`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ name: '孙立', phone: '0434-6212345' });
  });

  it('routes, verifies with the unit, refuses a disclosure that names the complainant, then discloses', async () => {
    const act = (token: string, command: string, version: number, body: unknown) =>
      call(token)('POST', `/complaints/${complaintId}/${command}`, body, { 'if-match': `"${version}"` });
    const routed = await act(tokens.handler, 'route', 1, { unitId: w.units.gzlBureau.id });
    expect(routed.statusCode, routed.body).toBe(200);
    expect((await act(tokens.handler, 'route', 1, { unitId: w.units.gzlBureau.id })).statusCode).toBe(412);
    // The unit now sees it and records what it found; it still cannot see who complained.
    expect((await w.as('clerk')('GET', `/complaints/${complaintId}/complainant`)).statusCode).toBe(403);
    const verified = await w.as('clerk')(
      'POST',
      `/complaints/${complaintId}/verify`,
      {
        finding: 'substantiated',
        result: '经现场核查，该砖厂脱硫设施未正常运行，已责令停产整改并立案处罚。',
        accountability: '对范家屯镇分管负责人诫勉谈话。',
      },
      { 'if-match': '"2"' },
    );
    expect(verified.statusCode, verified.body).toBe(200);
    expect(
      (await w.as('mhkClerk')('POST', `/complaints/${complaintId}/close`, {}, { 'if-match': '"3"' }))
        .statusCode,
    ).toBe(404);

    const leaky = await act(tokens.handler, 'disclose', 3, {
      publicContent: `群众${WHO.name}反映东风村砖厂冒黑烟`,
      publicResult: '属实，已停产整改。如有疑问请联系 13800138000。',
    });
    expect(leaky.statusCode).toBe(422);
    expect(
      leaky
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['publicContent', 'publicResult']);
    expect(containsSecret(leaky.body)).toEqual([]);

    const disclosed = await act(tokens.handler, 'disclose', 3, {
      publicContent: '反映公主岭市范家屯镇东风村砖厂夜间冒黑烟。',
      publicResult: '属实。已责令停产整改并立案处罚。',
    });
    expect(disclosed.statusCode, disclosed.body).toBe(200);
    expect(disclosed.json().disclosedAt).not.toBeNull();
    expect((await act(tokens.handler, 'close', 4, {})).statusCode).toBe(200);

    const track = (
      await app.inject({ method: 'GET', url: `/api/v1/public/complaints/${trackingCode}` })
    ).json();
    expect(track).toMatchObject({
      status: 'closed',
      finding: 'substantiated',
      result: '属实。已责令停产整改并立案处罚。',
    });
    const table = await app.inject({ method: 'GET', url: '/api/v1/public/disclosures' });
    expect(table.json().items).toHaveLength(1);
    expect(table.json().items[0]).toMatchObject({ region: '公主岭市', finding: { zh: '属实' } });
  });

  it('suggests earlier reports of the same place as repeats, and links them', async () => {
    const again = await call(tokens.handler)('POST', '/complaints', {
      ...smoke,
      channel: 'letter',
      place: '范家屯镇东风村砖厂',
      anonymous: true,
    });
    expect(again.statusCode, again.body).toBe(201);
    const view = again.json();
    expect(view.repeatCandidates.map((c: { id: string }) => c.id)).toContain(complaintId);
    const marked = await call(tokens.handler)(
      'POST',
      `/complaints/${view.id}/mark-repeat`,
      { firstComplaintId: complaintId },
      { 'if-match': '"1"' },
    );
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json().repeatOfId).toBe(complaintId);
    const problem = await w.as('office')(
      'POST',
      '/problems',
      newProblem(w.campaignId, { source: 'public_complaint' }),
    );
    expect(problem.statusCode, problem.body).toBe(201);
    const linked = await call(tokens.handler)(
      'POST',
      `/complaints/${view.id}/link-problem`,
      { problemId: problem.json().id },
      { 'if-match': '"2"' },
    );
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().problemId).toBe(problem.json().id);
  });

  it('limits how often one address may use the public form', async () => {
    const strict = await buildApp({
      ctx: w.ctx,
      hardening: { ...DEFAULT_HARDENING, publicSubmitsPerHour: 2 },
    });
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (
          await strict.inject({
            method: 'POST',
            url: '/api/v1/public/complaints',
            payload: { ...smoke, anonymous: true },
          })
        ).statusCode,
      );
    expect(codes).toEqual([201, 201, 429]);
    await strict.close();
  });

  it('keeps the identity out of events, audit, exports, disclosure, logs and the database file', async () => {
    const handlerExport = await call(tokens.cleared)('GET', '/complaints/export.csv');
    expect(handlerExport.statusCode).toBe(200);
    expect(handlerExport.body).toContain('东风村砖厂');
    const publicCsv = await app.inject({ method: 'GET', url: '/api/v1/public/disclosures.csv' });
    expect(publicCsv.body).toContain('受理编号');
    const events = await w.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('aggregate_type', '=', 'complaint')
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(7);
    const audit = await w.ctx.db.selectFrom('audit_log').selectAll().execute();
    const rows = await w.ctx.db.selectFrom('complaints').selectAll().execute();
    const sealed = await w.ctx.db.selectFrom('complainant_identities').selectAll().execute();
    expect(sealed.length).toBe(2);
    const places = {
      events: JSON.stringify(events),
      audit: JSON.stringify(audit),
      complaints: JSON.stringify(rows),
      vault: JSON.stringify(sealed),
      staffExport: handlerExport.body,
      disclosure:
        (await app.inject({ method: 'GET', url: '/api/v1/public/disclosures' })).body + publicCsv.body,
      logs: logs.join('\n'),
    };
    expect(logs.length).toBeGreaterThan(10);
    for (const [where, text] of Object.entries(places))
      expect({ where, found: containsSecret(text) }).toEqual({ where, found: [] });
    if (engine === 'sqlite') {
      const file = getDb().location;
      const bytes = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f));
      for (const b of bytes) for (const s of SECRETS) expect(b.includes(Buffer.from(s, 'utf8'))).toBe(false);
    }
  });
});

describe('complaint rules without a database', () => {
  it('screens public text for personal data', async () => {
    const { personalDataIn } = await import('../../src/core/complaint.js');
    expect(personalDataIn('已办结', null)).toEqual([]);
    expect(personalDataIn('请拨打 139 1234 5678'.replaceAll(' ', ''), null)).toEqual(['phone']);
    expect(personalDataIn('举报人赵 秀英反映', { name: '赵秀英' })).toEqual(['name']);
    expect(personalDataIn('身份证 22038119800101234X', null)).toEqual(['id_number']);
  });
});
