import { beforeAll, expect, it } from 'vitest';
import { auditChainOf } from '../../src/db/audit.repository.js';
import { addUser, createToken, findUserByLogin } from '../../src/services/accounts.service.js';
import { recordAudit } from '../../src/services/audit/audit.service.js';
import { describeEachEngine } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

const PROBE_DAYS = ['2020-09-01', '2020-09-02', '2020-09-03', '2020-09-04', '2020-09-05'];

describeEachEngine('the audit API', (get) => {
  let w: ProblemWorld;
  const tokens: Record<string, string> = {};
  const as = (token: string, url: string) =>
    w.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    w = await problemWorld(get());
    for (const [login, role] of [
      ['auditor', 'audit_admin'],
      ['sec-admin', 'security_admin'],
    ] as const) {
      await addUser(w.ctx, { login, role, unitId: null });
      tokens[login] = (await createToken(w.ctx, login)).token;
    }
    tokens.office = w.tokens.office;
    await w.as('office')('POST', '/problems', newProblem(w.campaignId));
    for (const day of PROBE_DAYS) {
      await recordAudit(
        get().db,
        {
          actorId: 'probe',
          action: 'pii.read',
          resourceType: 'complaint',
          resourceId: '=SUM(1+1)',
          outcome: 'success',
        },
        new Date(`${day}T00:00:00Z`),
      );
    }
  });

  it('answers 401 without a token and 403 problem+json to roles that may not read it, recording the denial', async () => {
    expect((await w.app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
    // 三权分立: only the audit administrator reads the audit, not even the security administrator.
    for (const [who, url] of [
      ['office', '/audit'],
      ['office', '/audit/export'],
      ['sec-admin', '/audit'],
    ] as const) {
      const denied = await as(tokens[who]!, url);
      expect(denied.statusCode).toBe(403);
      expect(denied.headers['content-type']).toContain('application/problem+json');
      expect(denied.json()).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    const office = await findUserByLogin(w.ctx, 'office');
    const page = (await as(tokens.auditor!, `/audit?actorId=${office!.id}&resourceType=audit_log`)).json();
    expect(page.items.map((i: { action: string; outcome: string }) => [i.action, i.outcome]).sort()).toEqual([
      ['audit.exported', 'denied'],
      ['audit.listed', 'denied'],
    ]);
  });

  it('pages newest first with a cursor, without overlap', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/audit?actorId=probe&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await as(tokens.auditor!, query)).json();
      seen.push(...page.items.map((i: { occurredAt: string }) => i.occurredAt.slice(0, 10)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...PROBE_DAYS].reverse());
  });

  it('filters by action, resource and time (from inclusive, to exclusive)', async () => {
    const url =
      '/audit?action=pii.read&resourceType=complaint&from=2020-09-02T00:00:00Z&to=2020-09-04T00:00:00Z';
    const page = (await as(tokens.auditor!, url)).json();
    expect(page.items.map((i: { occurredAt: string }) => i.occurredAt)).toEqual([
      '2020-09-03T00:00:00.000Z',
      '2020-09-02T00:00:00.000Z',
    ]);
    expect(page.items[0]).toMatchObject({
      actorId: 'probe',
      chain: auditChainOf('probe', null, { type: 'complaint', id: '=SUM(1+1)' }),
      outcome: 'success',
      detail: {},
    });
  });

  it('shows the registration event among the audited changes', async () => {
    const page = (await as(tokens.auditor!, '/audit?action=problem.registered&resourceType=problem')).json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0].detail).toMatchObject({ eventSeq: 1 });
  });

  it('refuses a forged cursor with 400', async () => {
    expect((await as(tokens.auditor!, '/audit?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
  });

  it('exports CSV with formula cells neutralised, and audits the export', async () => {
    const res = await as(tokens.auditor!, '/audit/export?actorId=probe');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(1 + PROBE_DAYS.length);
    expect(lines[1]).toContain(",'=SUM(1+1),");
    expect(lines[1]).not.toContain(',=SUM');
    const auditor = await findUserByLogin(w.ctx, 'auditor');
    const page = (await as(tokens.auditor!, `/audit?action=audit.exported&actorId=${auditor!.id}`)).json();
    expect(page.items[0]).toMatchObject({
      outcome: 'success',
      detail: { rows: 5, filter: { actorId: 'probe' } },
    });
  });
});
