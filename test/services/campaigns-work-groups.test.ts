import { beforeAll, expect, it } from 'vitest';
import { eventsOf, firstBrokenLink } from '../../src/db/event.repository.js';
import { createCampaign, getCampaign } from '../../src/services/campaigns/campaign.service.js';
import { workGroupsCovering } from '../../src/services/campaigns/coverage.js';
import {
  createWorkGroup,
  getWorkGroup,
  listWorkGroups,
  updateWorkGroup,
} from '../../src/services/campaigns/work-group.service.js';
import {
  addWorkGroupMember,
  removeWorkGroupMember,
} from '../../src/services/campaigns/work-group-members.service.js';
import { describeEachEngine } from '../support/engines.js';
import {
  type CampaignWorld,
  campaignWorld,
  countRows,
  ecologyGroup,
  eventTypes,
  jilinCampaign,
  rejection,
} from './campaigns.fixtures.js';

describeEachEngine('campaign work groups service', (get) => {
  let w: CampaignWorld;
  const newCampaign = async () => (await createCampaign(w.ctx, w.office, jilinCampaign())).value.id;
  beforeAll(async () => {
    w = await campaignWorld(get());
  });

  it('forms the ecology department group for 长春市 and 梅河口市', async () => {
    const campaignId = await newCampaign();
    const { value: g } = await createWorkGroup(w.ctx, w.office, campaignId, ecologyGroup(w.units));
    expect(g).toMatchObject({
      campaignId,
      name: '省生态环境厅督导帮扶工作组',
      leadUnit: { id: w.units.ecology.id, name: '吉林省生态环境厅' },
      memberUnits: [{ id: w.units.water.id, name: '吉林省水利厅' }],
      version: 1,
    });
    expect(g.regions.map((r) => `${r.code} ${r.name}`)).toEqual(['220100 长春市', '220581 梅河口市']);
    expect(g.members.map((m) => [m.name, m.memberRole])).toEqual([
      ['王组长', 'leader'],
      ['李专家', 'expert'],
    ]);
    expect(await eventTypes(w.ctx, g.id)).toEqual(['1:work_group.created']);
    expect((await getCampaign(w.ctx, w.office, campaignId)).workGroupCount).toBe(1);
    expect((await listWorkGroups(w.ctx, w.office, campaignId)).map((x) => x.id)).toEqual([g.id]);
  });

  it('accepts places inside a target and refuses places outside the targets', async () => {
    const campaignId = await newCampaign();
    const inside = await createWorkGroup(
      w.ctx,
      w.office,
      campaignId,
      ecologyGroup(w.units, { regionCodes: ['220184'] }),
    );
    expect(inside.value.regions).toEqual([{ code: '220184', name: '公主岭市', level: 'county' }]);
    const before = await countRows(w.ctx, 'work_groups');
    // 通化市 is no target, and 东昌区 lies in it; 石家庄市 is in another province.
    const err = await rejection(
      createWorkGroup(
        w.ctx,
        w.office,
        campaignId,
        ecologyGroup(w.units, { regionCodes: ['220500', '220502', '130100', '999999'] }),
      ),
    );
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields?.map((f) => f.field)).toEqual([
      'regionCodes.0',
      'regionCodes.1',
      'regionCodes.2',
      'regionCodes.3',
    ]);
    expect(err.fields?.[0]?.message.zh).toContain('通化市不在本专项行动的目标地区内');
    expect(await countRows(w.ctx, 'work_groups')).toBe(before);
  });

  it('refuses unknown units and member roles, naming the member', async () => {
    const campaignId = await newCampaign();
    const err = await rejection(
      createWorkGroup(
        w.ctx,
        w.office,
        campaignId,
        ecologyGroup(w.units, {
          leadUnitId: 'no-such-unit',
          members: [{ name: '张三', memberRole: 'boss' as 'leader', unitId: 'nowhere' }],
        }),
      ),
    );
    expect(err.fields?.map((f) => f.field)).toEqual([
      'leadUnitId',
      'members.0.memberRole',
      'members.0.unitId',
    ]);
  });

  it('finds the groups covering a place through its administrative ancestors', async () => {
    const campaignId = await newCampaign();
    const { value: changchun } = await createWorkGroup(
      w.ctx,
      w.office,
      campaignId,
      ecologyGroup(w.units, { regionCodes: ['220100'] }),
    );
    const { value: meihekou } = await createWorkGroup(
      w.ctx,
      w.office,
      campaignId,
      ecologyGroup(w.units, {
        name: '省水利厅督导帮扶工作组',
        leadUnitId: w.units.water.id,
        regionCodes: ['220581'],
      }),
    );
    const otherCampaign = await newCampaign();
    await createWorkGroup(w.ctx, w.office, otherCampaign, ecologyGroup(w.units, { regionCodes: ['220100'] }));

    expect(await workGroupsCovering(w.ctx, campaignId, '220184')).toEqual([changchun.id]);
    expect(await workGroupsCovering(w.ctx, campaignId, '220100')).toEqual([changchun.id]);
    expect(await workGroupsCovering(w.ctx, campaignId, '220581')).toEqual([meihekou.id]);
    expect(await workGroupsCovering(w.ctx, campaignId, '220202')).toEqual([]);
    expect(await workGroupsCovering(w.ctx, campaignId, '000000')).toEqual([]);
  });

  it('updates a group with If-Match and refuses a stale version', async () => {
    const campaignId = await newCampaign();
    const { value: g } = await createWorkGroup(w.ctx, w.office, campaignId, ecologyGroup(w.units));
    const updated = await updateWorkGroup(w.ctx, w.office, g.id, 1, {
      leadUnitId: w.units.housing.id,
      memberUnitIds: [w.units.ecology.id],
      regionCodes: ['220100', '220581', '220200'],
    });
    expect(updated).toMatchObject({
      version: 2,
      leadUnit: { name: '吉林省住房和城乡建设厅' },
      memberUnits: [{ name: '吉林省生态环境厅' }],
    });
    expect(updated.regions.map((r) => r.code)).toEqual(['220100', '220200', '220581']);
    expect((await rejection(updateWorkGroup(w.ctx, w.office, g.id, 1, { name: '旧版本' }))).code).toBe(
      'VERSION_CONFLICT',
    );
    expect(
      (await updateWorkGroup(w.ctx, w.office, g.id, 2, { regionCodes: ['220581', '220200', '220100'] }))
        .version,
    ).toBe(2);
    expect((await getWorkGroup(w.ctx, w.office, g.id)).name).toBe('省生态环境厅督导帮扶工作组');
  });

  it('adds and removes members, each a new version and event', async () => {
    const campaignId = await newCampaign();
    const { value: g } = await createWorkGroup(
      w.ctx,
      w.office,
      campaignId,
      ecologyGroup(w.units, { members: [] }),
    );
    const { value: added } = await addWorkGroupMember(w.ctx, w.office, g.id, 1, {
      name: '赵联络员',
      title: '处长',
      unitId: w.units.ecology.id,
      memberRole: 'liaison',
    });
    expect(added.version).toBe(2);
    const member = added.members.at(-1)!;
    expect(member).toMatchObject({ name: '赵联络员', memberRole: 'liaison', title: '处长', expertise: null });
    expect((await rejection(removeWorkGroupMember(w.ctx, w.office, g.id, member.id, 1))).code).toBe(
      'VERSION_CONFLICT',
    );
    expect((await rejection(removeWorkGroupMember(w.ctx, w.office, g.id, 'no-such-member', 2))).code).toBe(
      'NOT_FOUND',
    );
    const removed = await removeWorkGroupMember(w.ctx, w.office, g.id, member.id, 2);
    expect(removed).toMatchObject({ version: 3, members: [] });
    const events = await eventsOf(w.ctx.db, g.id);
    expect(events.map((e) => `${e.seq}:${e.type}`)).toEqual([
      '1:work_group.created',
      '2:work_group.member_added',
      '3:work_group.member_removed',
    ]);
    expect(firstBrokenLink(events)).toBeNull();
  });

  it('replays a member addition retried with the same Idempotency-Key instead of failing on the version', async () => {
    const campaignId = await newCampaign();
    const { value: g } = await createWorkGroup(
      w.ctx,
      w.office,
      campaignId,
      ecologyGroup(w.units, { members: [] }),
    );
    const idem = { key: 'add-expert-0001', request: ['add', g.id, 1] };
    const member = { name: '钱专家', memberRole: 'expert' as const, expertise: '水污染防治' };
    await addWorkGroupMember(w.ctx, w.office, g.id, 1, member, idem);
    const again = await addWorkGroupMember(w.ctx, w.office, g.id, 1, member, idem);
    expect(again.replayed).toBe(true);
    expect(again.value.members).toHaveLength(1);
  });

  it('lets only the inspection office change groups', async () => {
    const campaignId = await newCampaign();
    const { value: g } = await createWorkGroup(w.ctx, w.office, campaignId, ecologyGroup(w.units));
    expect(g.abilities).toEqual({ update: true, manageMembers: true, recordSiteVisit: true });
    expect((await rejection(createWorkGroup(w.ctx, w.viewer, campaignId, ecologyGroup(w.units)))).code).toBe(
      'FORBIDDEN',
    );
    expect((await rejection(updateWorkGroup(w.ctx, w.viewer, g.id, 1, { name: 'x' }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await getWorkGroup(w.ctx, w.viewer, g.id)).abilities.recordSiteVisit).toBe(false);
  });
});
