import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rebuildCounts } from '../../src/db/problem.counts.js';
import { buildApp } from '../../src/http/app.js';
import { updateAccount } from '../../src/services/accounts/users.service.js';
import { addUser, findUserByLogin, loadActor } from '../../src/services/accounts.service.js';
import { createServiceContext, type ServiceContext } from '../../src/services/context.js';
import { describeEachEngine } from '../support/engines.js';
import { fourNotLetGo, newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

type Who = keyof ProblemWorld['tokens'];
const EVERYONE: Who[] = ['office', 'city', 'clerk', 'mhkClerk', 'expert', 'viewer'];

/**
 * Detail and timeline with the per-process caches on (as `serve` runs: parsed states checked by
 * version, views kept per reader and date, bodies serialised once, bearer auth without a
 * promise) answer byte for byte what a server without them answers, while the problem moves
 * through its lifecycle, the date moves and writes come through either server.
 */
describeEachEngine('problem detail with the per-process caches on', (get) => {
  let w: ProblemWorld;
  let cached: FastifyInstance;
  let ctx: ServiceContext;
  beforeAll(async () => {
    w = await problemWorld(get());
    const database = get();
    // An hour: within the test nothing expires by time, so the caches answer whenever they can.
    ctx = createServiceContext(database.db, database.engine, {
      clock: w.clock,
      dataDir: w.ctx.dataDir,
      cacheTtlMs: 3_600_000,
    });
    cached = await buildApp({ ctx });
  });
  afterAll(async () => {
    await cached?.close();
  });

  const viaCache =
    (who: Who) =>
    (method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) =>
      cached.inject({
        method,
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${w.tokens[who]}`, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });

  /** Every account reads the detail (by id and by code) and the timeline from both servers, twice. */
  async function sameEverywhere(id: string, code: string, readers = EVERYONE) {
    for (const who of readers) {
      for (const url of [`/problems/${id}`, `/problems/${code}`, `/problems/${id}/events`]) {
        const reference = await w.as(who)('GET', url);
        for (let i = 0; i < 2; i++) {
          const res = await viaCache(who)('GET', url);
          expect(res.statusCode, `${who} ${url}`).toBe(reference.statusCode);
          expect(res.body, `${who} ${url}`).toBe(reference.body);
          for (const h of ['etag', 'content-type', 'content-length'])
            expect(res.headers[h], `${who} ${url} ${h}`).toBe(reference.headers[h]);
        }
      }
    }
  }

  /** The dashboards of the province, a city and a county, for each account, from both servers. */
  async function sameDashboards() {
    for (const who of EVERYONE) {
      for (const region of ['220000', '220100', '220184']) {
        const url = `/stats/problems?regionCode=${region}`;
        const reference = await w.as(who)('GET', url);
        for (let i = 0; i < 2; i++) {
          const res = await viaCache(who)('GET', url);
          expect(res.statusCode, `${who} ${url}`).toBe(reference.statusCode);
          expect(res.body, `${who} ${url}`).toBe(reference.body);
          expect(res.headers['content-type']).toBe(reference.headers['content-type']);
        }
      }
    }
  }

  async function act(via: 'reference' | 'cached', who: Who, id: string, action: string, body: unknown = {}) {
    const send = via === 'cached' ? viaCache(who) : w.as(who);
    const current = await send('GET', `/problems/${id}`);
    const res = await send('POST', `/problems/${id}/${action}`, body, {
      'if-match': current.headers.etag as string,
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  }

  it('answers as a server without caches through the lifecycle, date changes and writes on either side', async () => {
    const created = (await viaCache('office')('POST', '/problems', newProblem(w.campaignId))).json();
    const { id, code } = created;
    await sameEverywhere(id, code);
    await act('reference', 'office', id, 'assign', {
      leadUnitId: w.units.gzlBureau.id,
      coUnitIds: [w.units.gzlWater.id],
      deadline: '2020-08-20',
    });
    await sameEverywhere(id, code);
    await act('cached', 'clerk', id, 'acknowledge');
    await sameEverywhere(id, code);
    await act('reference', 'clerk', id, 'submit-plan', {
      goal: '出水稳定达到一级A标准',
      measures: [{ text: '实施提标改造', owner: '公主岭市生态环境局', dueOn: '2020-08-20' }],
      deadline: '2020-08-20',
      kind: 'deadline',
    });
    await act('cached', 'office', id, 'approve-plan');
    // Within a week of the deadline, then past it: the light changes with no write at all
    // (one reader first, whose view of the day before is the one kept).
    w.clock.set('2020-08-14T02:00:00Z');
    await sameEverywhere(id, code, ['office']);
    w.clock.set('2020-08-21T02:00:00Z');
    await sameEverywhere(id, code, ['office']);
    await sameEverywhere(id, code);
    await act('cached', 'clerk', id, 'request-closure', { fourNotLetGo });
    // Closure requested: abilities depend on who accepts (the rank look-ups), never kept.
    await sameEverywhere(id, code);
    await act('reference', 'city', id, 'accept-closure', {
      checkedOn: '2020-08-21',
      checkers: ['长春市督察办 李四'],
      opinion: '现场核查，整改到位',
    });
    await sameEverywhere(id, code);
    // The notice period ends: closing becomes possible, raising an objection does not.
    await sameEverywhere(id, code, ['office']);
    w.clock.set('2020-08-29T02:00:00Z');
    await sameEverywhere(id, code, ['office']);
    await sameEverywhere(id, code);
    await act('cached', 'office', id, 'close');
    await sameEverywhere(id, code);
  });

  it('answers the dashboards as a server without caches, from the rollup, across writes and days', async () => {
    const today = () => w.clock.now().toISOString().slice(0, 10);
    await rebuildCounts(get().db, today());
    await sameDashboards();
    const p = (
      await viaCache('office')('POST', '/problems', newProblem(w.campaignId, { title: '仪表盘' }))
    ).json();
    await sameDashboards();
    await act('reference', 'office', p.id, 'assign', {
      leadUnitId: w.units.gzlBureau.id,
      deadline: '2020-09-30',
    });
    await sameDashboards();
    // A new day: the rollup answers again only once rebuilt for it.
    w.clock.advanceDays(1);
    await sameDashboards();
    await rebuildCounts(get().db, today());
    await sameDashboards();
  });

  it('shows at once a display name changed in its own process, on a kept timeline', async () => {
    const { id, code } = (await viaCache('office')('POST', '/problems', newProblem(w.campaignId))).json();
    await sameEverywhere(id, code, ['office']);
    const office = (await findUserByLogin(ctx, 'office'))!;
    const admin = await addUser(ctx, { login: 'timeline-admin', role: 'system_admin', unitId: null });
    const { version } = await ctx.db
      .selectFrom('users')
      .select('version')
      .where('id', '=', office.id)
      .executeTakeFirstOrThrow();
    await updateAccount(ctx, await loadActor(ctx, admin), office.id, version, {
      displayName: '省督察办 王五',
    });
    const timeline = (await viaCache('office')('GET', `/problems/${id}/events`)).json();
    expect(timeline.items[0].actorName).toBe('省督察办 王五');
    await sameEverywhere(id, code, ['office']);
  });

  it('answers 404 for an unknown problem, and forgets nothing it should not', async () => {
    const missing = await viaCache('office')('GET', '/problems/JL-2020-9999');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe((await w.as('office')('GET', '/problems/JL-2020-9999')).body);
  });
});
