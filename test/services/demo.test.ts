import { beforeAll, expect, it } from 'vitest';
import { replay } from '../../src/core/problem.lifecycle.js';
import type { ProblemState } from '../../src/core/problem.types.js';
import { resolveRules } from '../../src/core/rules.js';
import { ADMIN_ROLES, PROBLEM_STATUSES, type WarningLevel } from '../../src/core/vocabulary.js';
import { computeWarning } from '../../src/core/warnings.js';
import { eventsOf, firstBrokenLink } from '../../src/db/event.repository.js';
import { seedReferenceData } from '../../src/db/reference/seed-reference.js';
import type { CampaignRow, ProblemRow } from '../../src/db/schema.js';
import { matchingIds } from '../../src/db/search.js';
import { findUserByLogin, loadActor } from '../../src/services/accounts.service.js';
import { createServiceContext, type ServiceContext } from '../../src/services/context.js';
import { JILIN_TARGETS } from '../../src/services/demo/demo.jilin.data.js';
import {
  DEMO_ACCOUNTS,
  DEMO_CAMPAIGNS,
  type DemoSummary,
  loadDemo,
} from '../../src/services/demo/demo.loader.js';
import { listProblems } from '../../src/services/problems/problem.queries.js';
import { searchQuery } from '../../src/text/search-terms.js';
import { describeEachEngine } from '../support/engines.js';

const stateOf = (row: ProblemRow): ProblemState => JSON.parse(row.state) as ProblemState;

describeEachEngine('demo data loader', (get) => {
  let ctx: ServiceContext;
  let summary: DemoSummary;
  let campaigns: CampaignRow[];
  let problems: ProblemRow[];
  const jilin = () => campaigns.find((c) => c.province_code === '220000')!;
  const hebei = () => campaigns.find((c) => c.province_code === '130000')!;

  beforeAll(async () => {
    const database = get();
    await seedReferenceData(database.db, { provinces: ['220000', '130000'], towns: false });
    ctx = createServiceContext(database.db, database.engine);
    summary = await loadDemo(ctx);
    campaigns = await ctx.db.selectFrom('campaigns').selectAll().execute();
    problems = await ctx.db.selectFrom('problems').selectAll().execute();
  }, 240_000);

  it('loads two illustrative campaigns and says what it loaded', async () => {
    expect(campaigns.map((c) => c.name).sort()).toEqual([
      '吉林省强化监督重点帮扶专项行动（示例数据）',
      '河北省中央环保督察“回头看”问题整改（示例数据）',
    ]);
    expect(campaigns.every((c) => c.illustrative === 1 && c.description.includes('示例数据'))).toBe(true);
    expect(jilin()).toMatchObject({ level: 'provincial', kind: 'special_action', starts_on: '2020-07-30' });
    expect(hebei()).toMatchObject({ level: 'central', kind: 'look_back', starts_on: '2018-06-01' });
    expect(JSON.parse(hebei().settings)).toMatchObject({
      complaintReplyDays: 7,
      noticePeriod: { length: 10, unit: 'working_days' },
    });
    const users = await ctx.db.selectFrom('users').select('id').execute();
    expect(summary).toMatchObject({ campaigns: 2, problems: problems.length, users: users.length });
    expect(problems.length).toBeGreaterThanOrEqual(40);
    expect(summary.message).toContain('示例数据');
  });

  it('forms six Jilin work groups, each led by a different department, covering the seven places', async () => {
    const groups = await ctx.db
      .selectFrom('work_groups')
      .innerJoin('units', 'units.id', 'work_groups.lead_unit_id')
      .select(['work_groups.id', 'units.name', 'units.kind'])
      .where('work_groups.campaign_id', '=', jilin().id)
      .execute();
    expect(groups).toHaveLength(6);
    expect(new Set(groups.map((g) => g.name)).size).toBe(6);
    expect(groups.every((g) => g.kind === 'department')).toBe(true);
    const targets = await ctx.db
      .selectFrom('campaign_regions')
      .select('region_code')
      .where('campaign_id', '=', jilin().id)
      .execute();
    expect(targets.map((t) => t.region_code).sort()).toEqual([...JILIN_TARGETS].sort());
    const assigned = await ctx.db
      .selectFrom('work_group_regions')
      .select('region_code')
      .where(
        'work_group_id',
        'in',
        groups.map((g) => g.id),
      )
      .execute();
    expect(new Set(assigned.map((a) => a.region_code))).toEqual(new Set(JILIN_TARGETS));
    const experts = await ctx.db
      .selectFrom('work_group_members')
      .select('work_group_id')
      .where('member_role', '=', 'expert')
      .execute();
    expect(new Set(experts.map((e) => e.work_group_id))).toEqual(new Set(groups.map((g) => g.id)));
  });

  it('gives every business account a ledger to work on, and the administrator none (三权分立)', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const actor = await loadActor(ctx, (await findUserByLogin(ctx, account.login))!);
      const { items } = await listProblems(ctx, actor, {}, { limit: 200 });
      if (ADMIN_ROLES.includes(account.role)) expect(items, account.login).toEqual([]);
      else expect(items.length, account.login).toBeGreaterThan(0);
    }
  });

  it('makes jl-group2 a member of the group the ecology department leads', async () => {
    const row = await ctx.db
      .selectFrom('work_group_members')
      .innerJoin('users', 'users.id', 'work_group_members.user_id')
      .innerJoin('work_groups', 'work_groups.id', 'work_group_members.work_group_id')
      .innerJoin('units', 'units.id', 'work_groups.lead_unit_id')
      .select(['units.name'])
      .where('users.login', '=', 'jl-group2')
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('吉林省生态环境厅');
  });

  it('creates every demo account with its role and unit', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const row = await ctx.db
        .selectFrom('users')
        .leftJoin('units', 'units.id', 'users.unit_id')
        .select(['users.role', 'units.name'])
        .where('users.login', '=', account.login)
        .executeTakeFirstOrThrow();
      expect({ login: account.login, role: row.role, unit: row.name }).toEqual({
        login: account.login,
        role: account.role,
        unit: account.unitName,
      });
      expect(account.description).toMatch(/[\u4e00-\u9fff].*[A-Za-z]{3}/);
    }
  });

  it('marks every problem illustrative and covers every status', () => {
    expect(problems.every((p) => p.illustrative === 1)).toBe(true);
    const statuses = new Set(problems.map((p) => p.status));
    expect([...PROBLEM_STATUSES].filter((s) => !statuses.has(s))).toEqual([]);
    // 四个方面: Jilin's four areas each lead some problem.
    const areas = new Set(problems.filter((p) => p.campaign_id === jilin().id).map((p) => p.area));
    expect([...areas].sort()).toEqual(['air', 'ecology', 'soil', 'water']);
    const jilinKinds = new Set(
      problems.filter((p) => p.campaign_id === jilin().id).map((p) => p.problem_kind),
    );
    for (const kind of ['locality_difficulty', 'department_known', 'look_back_key']) {
      expect(jilinKinds.has(kind)).toBe(true);
    }
  });

  it('shows red, yellow and green lights as of the end of each story', () => {
    for (const data of DEMO_CAMPAIGNS) {
      const campaign = campaigns.find((c) => c.province_code === data.campaign.provinceCode)!;
      const rules = resolveRules(JSON.parse(campaign.settings));
      const lights = new Set<WarningLevel>(
        problems
          .filter((p) => p.campaign_id === campaign.id)
          .map((p) => computeWarning(stateOf(p), data.storyEndsOn, rules)),
      );
      expect(lights.has('red')).toBe(true);
      expect(lights.has('green')).toBe(true);
      expect(lights.has('none')).toBe(true);
    }
  });

  it('has every acceptance come from above the unit that did the work', async () => {
    const accepted = problems.map(stateOf).filter((s) => s.acceptance !== null);
    expect(accepted.some((s) => s.status === 'closed')).toBe(true);
    for (const s of accepted) {
      expect(s.acceptance!.acceptorUnitId).not.toBeNull();
      expect([s.leadUnitId, ...s.coUnitIds]).not.toContain(s.acceptance!.acceptorUnitId);
    }
    const acceptors = await ctx.db
      .selectFrom('units')
      .select(['id', 'kind', 'region_code'])
      .where(
        'id',
        'in',
        accepted.map((s) => s.acceptance!.acceptorUnitId!),
      )
      .execute();
    // The province offices and the work groups' lead departments.
    expect(new Set(acceptors.map((u) => u.kind))).toEqual(new Set(['office', 'department']));
  });

  it('accepts a district’s work at city level (逐级验收)', async () => {
    const accepted = await ctx.db
      .selectFrom('events')
      .select('payload')
      .where('type', '=', 'problem.closure_accepted')
      .execute();
    const acceptorIds = accepted.map(
      (e) => (JSON.parse(e.payload) as { acceptorUnitId: string }).acceptorUnitId,
    );
    const cityOffices = await ctx.db
      .selectFrom('units')
      .innerJoin('regions', 'regions.code', 'units.region_code')
      .select('units.id')
      .where('units.kind', '=', 'office')
      .where('regions.level', '=', 'city')
      .execute();
    expect(cityOffices.some((u) => acceptorIds.includes(u.id))).toBe(true);
  });

  it('closes complaint-linked problems only with complainant feedback or a public notice', () => {
    const closedComplaints = problems
      .map(stateOf)
      .filter((s) => s.complaintLinked && s.closureRequest !== null);
    expect(closedComplaints.length).toBeGreaterThanOrEqual(2);
    for (const s of closedComplaints) {
      expect(['complainant_feedback', 'public_notice']).toContain(
        s.closureRequest!.fourNotLetGo.publicSatisfaction.kind,
      );
    }
  });

  it('reopens a closed problem on rebound and closes it again', async () => {
    const reopened = problems.filter((p) => p.reopen_count >= 1);
    expect(reopened.length).toBeGreaterThanOrEqual(1);
    const [rebound] = reopened;
    expect(rebound).toMatchObject({ status: 'closed', complaint_linked: 1 });
    const types = (await eventsOf(ctx.db, rebound!.id)).map((e) => e.type);
    expect(types.filter((t) => t === 'problem.closed')).toHaveLength(2);
    expect(types.indexOf('problem.reopened')).toBeGreaterThan(types.indexOf('problem.closed'));
  });

  it('links the 举一反三 screening items to their origin', async () => {
    const links = await ctx.db
      .selectFrom('problem_links')
      .selectAll()
      .where('kind', '=', 'screening')
      .execute();
    expect(links).toHaveLength(3);
    const origin = problems.find((p) => p.id === links[0]!.from_id)!;
    expect(origin.sub_area).toBe('scattered_polluting');
    for (const link of links) {
      const item = problems.find((p) => p.id === link.to_id)!;
      expect(item).toMatchObject({ origin_id: origin.id, source: 'screening', illustrative: 1 });
      expect(item.city_code).not.toBe(origin.city_code);
    }
  });

  it('lists serious items for supervision at province level', () => {
    const listed = problems.filter((p) => p.supervision_level === 'province');
    expect(listed.length).toBeGreaterThanOrEqual(3);
    expect(new Set(listed.map((p) => p.province_code))).toEqual(new Set(['220000', '130000']));
  });

  it('records site visits whose findings became problems', async () => {
    const visits = await ctx.db.selectFrom('site_visits').selectAll().execute();
    expect(visits.length).toBeGreaterThanOrEqual(3);
    const linked = visits.flatMap((v) =>
      (JSON.parse(v.findings) as { problemId: string | null }[]).filter((f) => f.problemId),
    );
    expect(linked.length).toBeGreaterThanOrEqual(2);
  });

  it('dates the story in 2018–2019 for Hebei and in 2020 for Jilin', async () => {
    for (const [campaign, from, to] of [
      [hebei(), '2018-06-01', '2019-07-01'],
      [jilin(), '2020-07-28', '2021-01-01'],
    ] as const) {
      const ids = problems.filter((p) => p.campaign_id === campaign.id).map((p) => p.id);
      const events = await ctx.db
        .selectFrom('events')
        .select('occurred_at')
        .where('aggregate_id', 'in', ids)
        .execute();
      expect(events.every((e) => e.occurred_at >= from && e.occurred_at < to)).toBe(true);
    }
  });

  it('replays every problem’s events to its stored state, on an intact hash chain', async () => {
    for (const row of problems) {
      const events = await eventsOf(ctx.db, row.id);
      expect(firstBrokenLink(events)).toBeNull();
      const state = replay(
        events.map((e) => ({
          type: e.type,
          payload: JSON.parse(e.payload) as Record<string, unknown>,
          at: e.occurred_at,
          actorId: e.actor_id,
        })),
      );
      expect(state).toEqual(stateOf(row));
    }
  });

  it('receives, routes, verifies and discloses Hebei complaints, their complainants sealed', async () => {
    const complaints = await ctx.db.selectFrom('complaints').selectAll().orderBy('received_on').execute();
    expect(complaints).toHaveLength(5);
    expect(complaints.every((c) => c.illustrative === 1 && c.campaign_id === hebei().id)).toBe(true);
    expect(new Set(complaints.map((c) => c.status))).toEqual(
      new Set(['closed', 'routed', 'verified', 'received']),
    );
    expect(complaints.filter((c) => c.disclosed_at)).toHaveLength(1);
    expect(complaints.filter((c) => c.repeat_of_id)).toHaveLength(1);
    expect(complaints.filter((c) => c.problem_id)).toHaveLength(3);
    const sealed = await ctx.db.selectFrom('complainant_identities').selectAll().execute();
    expect(sealed).toHaveLength(4);
    expect(JSON.stringify(sealed)).not.toContain('示例');
    const handler = await loadActor(ctx, (await findUserByLogin(ctx, 'he-handler'))!);
    expect(handler.clearances).toEqual(['complainant_confidential']);
    const { readComplainant } = await import('../../src/services/complaints/complaint.service.js');
    const first = complaints.find((c) => c.channel === 'hotline_12369')!;
    expect((await readComplainant(ctx, handler, first.id)).name).toContain('张建军');
    const clerk = await loadActor(ctx, (await findUserByLogin(ctx, 'sjz-clerk'))!);
    await expect(readComplainant(ctx, clerk, first.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('indexes every problem and complaint it loads for text search, as they are now', async () => {
    const docs = await ctx.db.selectFrom('search_docs').select(['kind', 'ref_id']).execute();
    const complaints = await ctx.db.selectFrom('complaints').select(['id', 'content']).execute();
    const of = (kind: string) =>
      docs
        .filter((d) => d.kind === kind)
        .map((d) => d.ref_id)
        .sort();
    expect(of('problem')).toEqual(problems.map((p) => p.id).sort());
    expect(of('complaint')).toEqual(complaints.map((c) => c.id).sort());
    const found = async (kind: 'problem' | 'complaint', q: string) =>
      (await matchingIds(ctx.db, kind, searchQuery(q)!).execute()).map((r) => r.ref_id);
    for (const p of problems) {
      expect(await found('problem', p.code), p.code).toContain(p.id);
      expect(await found('problem', p.title), p.title).toContain(p.id);
    }
    for (const c of complaints) expect(await found('complaint', c.content), c.content).toContain(c.id);
  });

  it('refuses to load twice', async () => {
    await expect(loadDemo(ctx)).rejects.toMatchObject({ code: 'CONFLICT' });
    const after = await ctx.db.selectFrom('problems').select('id').execute();
    expect(after).toHaveLength(problems.length);
  });
});

describeEachEngine('demo data loader without reference data', (get) => {
  it('asks for the regions and vocabularies first, and loads nothing', async () => {
    const database = get();
    const ctx = createServiceContext(database.db, database.engine);
    await expect(loadDemo(ctx)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await ctx.db.selectFrom('units').select('id').execute()).toEqual([]);
  });
});
