import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.js';
import { eventsOf, firstBrokenLink } from '../../src/db/event.repository.js';
import { addUser, loadActor } from '../../src/services/accounts.service.js';
import { createCampaign } from '../../src/services/campaigns/campaign.service.js';
import {
  getSiteVisit,
  listSiteVisits,
  markFindingAsProblem,
  recordSiteVisit,
} from '../../src/services/campaigns/site-visit.service.js';
import type { NewSiteVisit } from '../../src/services/campaigns/site-visit-input.js';
import { createWorkGroup } from '../../src/services/campaigns/work-group.service.js';
import type { ServiceContext } from '../../src/services/context.js';
import { describeEachEngine } from '../support/engines.js';
import {
  type CampaignWorld,
  campaignWorld,
  countRows,
  ecologyGroup,
  jilinCampaign,
  rejection,
} from './campaigns.fixtures.js';

const visit = (overrides: Partial<NewSiteVisit> = {}): NewSiteVisit => ({
  visitedOn: '2020-07-29',
  regionCode: '220184',
  place: '公主岭市南崴子街道',
  participants: ['王组长', '李专家', '公主岭市生态环境局局长'],
  summary: '听取整改情况汇报，现场查看污水处理厂',
  findings: [{ text: '污水处理厂出水超标', area: 'water' }, { text: '堆场扬尘未覆盖' }],
  ...overrides,
});

/**
 * The smallest problem row the link check needs: only the NOT NULL columns, so the test does
 * not follow every change to the problem projection (registering goes through the problem service).
 */
async function bareProblem(ctx: ServiceContext, code: string): Promise<string> {
  const id = ctx.newId();
  const now = ctx.clock.now().toISOString();
  const row = {
    ...{
      id,
      code,
      version: 1,
      status: 'registered',
      title: '污水处理厂出水超标',
      source: 'site_visit',
      area: 'water',
    },
    ...{
      region_code: '220184',
      province_code: '220000',
      due_key: '9999-12-31',
      created_at: now,
      updated_at: now,
      state: '{}',
    },
  };
  await ctx.db
    .insertInto('problems')
    .values(row as never)
    .execute();
  return id;
}

describeEachEngine('campaign site visits service', (get) => {
  let w: CampaignWorld;
  let member: Actor;
  let groupId: string;
  beforeAll(async () => {
    w = await campaignWorld(get());
    const user = await addUser(w.ctx, {
      login: 'wang',
      displayName: '王组长',
      role: 'group_member',
      unitId: w.units.ecology.id,
    });
    const { value: c } = await createCampaign(w.ctx, w.office, jilinCampaign());
    const group = ecologyGroup(w.units, {
      members: [{ name: '王组长', userId: user.id, memberRole: 'leader' }],
    });
    groupId = (await createWorkGroup(w.ctx, w.office, c.id, group)).value.id;
    member = await loadActor(w.ctx, user);
  });

  it('records a visit by a group member, giving each finding an id', async () => {
    const { value: v } = await recordSiteVisit(w.ctx, member, groupId, visit());
    expect(v).toMatchObject({
      workGroupId: groupId,
      visitedOn: '2020-07-29',
      region: { code: '220184', name: '公主岭市' },
      recordedBy: member.userId,
      version: 1,
    });
    expect(v.findings.map((f) => [f.text, f.area, f.problemId])).toEqual([
      ['污水处理厂出水超标', 'water', null],
      ['堆场扬尘未覆盖', null, null],
    ]);
    expect(new Set(v.findings.map((f) => f.id)).size).toBe(2);
    expect(await getSiteVisit(w.ctx, v.id)).toEqual(v);
    const events = await eventsOf(w.ctx.db, v.id);
    expect(events.map((e) => [e.seq, e.type, e.actor_id])).toEqual([
      [1, 'site_visit.recorded', member.userId],
    ]);
  });

  it('refuses people outside the group', async () => {
    expect((await rejection(recordSiteVisit(w.ctx, w.viewer, groupId, visit()))).code).toBe('FORBIDDEN');
  });

  it('refuses a future date, a place outside the group’s regions and unknown areas, writing nothing', async () => {
    const before = await countRows(w.ctx, 'site_visits');
    const err = await rejection(
      recordSiteVisit(
        w.ctx,
        member,
        groupId,
        visit({
          visitedOn: '2020-07-31',
          regionCode: '220202',
          findings: [{ text: '噪声扰民', area: 'noise' }],
        }),
      ),
    );
    expect(err.fields?.map((f) => f.field)).toEqual(['visitedOn', 'regionCode', 'findings.0.area']);
    expect(err.fields?.[1]?.message).toEqual({
      zh: '昌邑区不在本工作组负责的地区内',
      en: '昌邑区 is not a region this work group is assigned',
    });
    expect(await countRows(w.ctx, 'site_visits')).toBe(before);
  });

  it('lists the latest visit first, page by page', async () => {
    const { value: c } = await createCampaign(w.ctx, w.office, jilinCampaign());
    const { value: g } = await createWorkGroup(w.ctx, w.office, c.id, ecologyGroup(w.units));
    for (const day of ['2020-07-27', '2020-07-29', '2020-07-28']) {
      await recordSiteVisit(
        w.ctx,
        w.office,
        g.id,
        visit({ visitedOn: day, regionCode: '220581', place: `梅河口市 ${day}` }),
      );
    }
    const first = await listSiteVisits(w.ctx, g.id, { limit: 2 });
    expect(first.items.map((v) => v.visitedOn)).toEqual(['2020-07-29', '2020-07-28']);
    const rest = await listSiteVisits(w.ctx, g.id, { limit: 2, cursor: first.nextCursor! });
    expect(rest).toMatchObject({ items: [{ visitedOn: '2020-07-27' }], nextCursor: null });
  });

  it('links a finding to the problem it became, once', async () => {
    const { value: v } = await recordSiteVisit(w.ctx, member, groupId, visit());
    const [finding] = v.findings;
    const problemId = await bareProblem(w.ctx, 'JL-2020-0901');
    const linked = await markFindingAsProblem(w.ctx, v.id, finding!.id, problemId, member.userId);
    expect(linked.version).toBe(2);
    expect(linked.findings[0]?.problemId).toBe(problemId);
    expect(linked.findings[1]?.problemId).toBeNull();
    expect((await markFindingAsProblem(w.ctx, v.id, finding!.id, problemId, member.userId)).version).toBe(2);

    const other = await bareProblem(w.ctx, 'JL-2020-0902');
    expect((await rejection(markFindingAsProblem(w.ctx, v.id, finding!.id, other, member.userId))).code).toBe(
      'CONFLICT',
    );
    expect((await rejection(markFindingAsProblem(w.ctx, v.id, 'nope', other, member.userId))).code).toBe(
      'NOT_FOUND',
    );
    const unknown = await rejection(
      markFindingAsProblem(w.ctx, v.id, v.findings[1]!.id, 'nope', member.userId),
    );
    expect(unknown).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'problemId' }] });

    const events = await eventsOf(w.ctx.db, v.id);
    expect(events.map((e) => `${e.seq}:${e.type}`)).toEqual([
      '1:site_visit.recorded',
      '2:site_visit.finding_linked',
    ]);
    expect(JSON.parse(events[1]!.payload)).toEqual({ findingId: finding!.id, problemId });
    expect(firstBrokenLink(events)).toBeNull();
  });
});
