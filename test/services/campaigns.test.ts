import { beforeAll, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import { eventsOf, firstBrokenLink } from '../../src/db/event.repository.js';
import {
  createCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from '../../src/services/campaigns/campaign.service.js';
import { createWorkGroup } from '../../src/services/campaigns/work-group.service.js';
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

describeEachEngine('campaigns service', (get) => {
  let w: CampaignWorld;
  beforeAll(async () => {
    w = await campaignWorld(get());
  });

  it('creates the Jilin action with named targets, resolved rules and a first event', async () => {
    const { value: c, replayed } = await createCampaign(w.ctx, w.office, jilinCampaign());
    expect(replayed).toBe(false);
    expect(c).toMatchObject({
      level: 'provincial',
      kind: 'special_action',
      version: 1,
      workGroupCount: 0,
      illustrative: true,
    });
    expect(c.targetRegions).toHaveLength(7);
    expect(c.targetRegions).toContainEqual({ code: '220581', name: '梅河口市', level: 'county' });
    expect(c.targetRegions).toContainEqual({ code: '220100', name: '长春市', level: 'city' });
    expect(c.settings).toEqual({ dispatchEvery: 'weekly' });
    expect(c.rules).toEqual({ ...DEFAULT_RULES, dispatchEvery: 'weekly' });
    expect(c.createdAt).toBe('2020-07-30T02:00:00.000Z');
    expect(c.abilities).toEqual({ update: true, createWorkGroup: true });
    expect(await eventTypes(w.ctx, c.id)).toEqual(['1:campaign.created']);
    expect(await getCampaign(w.ctx, w.viewer, c.id)).toMatchObject({
      id: c.id,
      abilities: { update: false },
    });
  });

  it('names every failing field in both languages and writes nothing', async () => {
    const before = [await countRows(w.ctx, 'campaigns'), await countRows(w.ctx, 'events')];
    const err = await rejection(
      createCampaign(
        w.ctx,
        w.office,
        jilinCampaign({
          endsOn: '2020-07-01',
          targetRegionCodes: ['220100', '229999', '130100'],
          areas: ['air', 'noise'],
          settings: { planDueWorkingDays: 0, dispatchEvery: 'daily' as 'weekly' },
        }),
      ),
    );
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields?.map((f) => f.field).sort()).toEqual([
      'areas.1',
      'endsOn',
      'settings.dispatchEvery',
      'settings.planDueWorkingDays',
      'targetRegionCodes.1',
      'targetRegionCodes.2',
    ]);
    const endsOn = err.fields?.find((f) => f.field === 'endsOn');
    expect(endsOn?.message).toEqual({ zh: '结束日期不能早于开始日期', en: 'must not be before startsOn' });
    expect([await countRows(w.ctx, 'campaigns'), await countRows(w.ctx, 'events')]).toEqual(before);
  });

  it('refuses an unknown province, impossible dates and unknown rule keys', async () => {
    const err = await rejection(
      createCampaign(
        w.ctx,
        w.office,
        jilinCampaign({
          provinceCode: '220100',
          startsOn: '2021-02-29',
          settings: { noticePeriod: { length: 10, unit: 'weeks' as 'days' }, colours: 3 } as never,
        }),
      ),
    );
    expect(err.fields?.map((f) => f.field).sort()).toEqual([
      'provinceCode',
      'settings.colours',
      'settings.noticePeriod.unit',
      'startsOn',
    ]);
  });

  it('lets only the inspection office create campaigns', async () => {
    expect((await rejection(createCampaign(w.ctx, w.viewer, jilinCampaign()))).code).toBe('FORBIDDEN');
  });

  it('creates once per Idempotency-Key and replays the first result', async () => {
    const idem = { key: 'jilin-2020-special', request: ['create', 'jilin'] };
    const first = await createCampaign(w.ctx, w.office, jilinCampaign(), idem);
    const before = await countRows(w.ctx, 'campaigns');
    const again = await createCampaign(w.ctx, w.office, jilinCampaign(), idem);
    expect(again).toMatchObject({ replayed: true, value: { id: first.value.id } });
    expect(await countRows(w.ctx, 'campaigns')).toBe(before);
    const reused = await rejection(
      createCampaign(w.ctx, w.office, jilinCampaign(), { ...idem, request: ['other'] }),
    );
    expect(reused.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('lists newest first, filtered by province and kind, in keyset pages', async () => {
    const hebei = (name: string, at: string) =>
      createCampaign(
        w.at(at),
        w.office,
        jilinCampaign({
          name,
          provinceCode: '130000',
          kind: 'look_back',
          targetRegionCodes: ['130100'],
          settings: {},
        }),
      ).then((r) => r.value.id);
    const older = await hebei('中央环保督察"回头看"整改（一）', '2018-06-01T00:00:00Z');
    const newer = await hebei('中央环保督察"回头看"整改（二）', '2018-06-02T00:00:00Z');
    const all = await listCampaigns(w.ctx, w.office, { provinceCode: '130000', kind: 'look_back' });
    const ids = all.items.map((c) => c.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect(all.items.every((c) => c.provinceCode === '130000' && c.kind === 'look_back')).toBe(true);
    const first = await listCampaigns(
      w.ctx,
      w.office,
      { provinceCode: '130000', kind: 'look_back' },
      { limit: 1 },
    );
    expect(first.items).toHaveLength(1);
    const rest = await listCampaigns(
      w.ctx,
      w.office,
      { provinceCode: '130000' },
      { limit: 200, cursor: first.nextCursor! },
    );
    expect([...first.items, ...rest.items].map((c) => c.id)).toEqual(ids);
    expect(
      (await listCampaigns(w.ctx, w.office, { kind: 'inspection', provinceCode: '130000' })).items,
    ).toEqual([]);
  });

  it('updates by compare-and-set, records what changed and ignores a change to nothing', async () => {
    const { value: c } = await createCampaign(w.ctx, w.office, jilinCampaign());
    const changed = await updateCampaign(w.at('2020-08-01T00:00:00Z'), w.office, c.id, 1, {
      endsOn: '2020-08-31',
      settings: { noticePeriod: { length: 10, unit: 'working_days' } },
    });
    expect(changed).toMatchObject({
      version: 2,
      endsOn: '2020-08-31',
      updatedAt: '2020-08-01T00:00:00.000Z',
    });
    expect(changed.rules).toEqual({ ...DEFAULT_RULES, noticePeriod: { length: 10, unit: 'working_days' } });
    const same = await updateCampaign(w.ctx, w.office, c.id, 2, {
      name: c.name,
      targetRegionCodes: [...c.targetRegions].reverse().map((r) => r.code),
    });
    expect(same.version).toBe(2);
    const events = await eventsOf(w.ctx.db, c.id);
    expect(events.map((e) => `${e.seq}:${e.type}`)).toEqual(['1:campaign.created', '2:campaign.updated']);
    expect(JSON.parse(events[1]!.payload)).toEqual({
      changes: { endsOn: '2020-08-31', settings: { noticePeriod: { length: 10, unit: 'working_days' } } },
    });
    expect(firstBrokenLink(events)).toBeNull();
  });

  it('refuses a stale version and leaves the campaign as it was', async () => {
    const { value: c } = await createCampaign(w.ctx, w.office, jilinCampaign());
    await updateCampaign(w.ctx, w.office, c.id, 1, { name: '第一次修改' });
    const err = await rejection(updateCampaign(w.ctx, w.office, c.id, 1, { name: '过期的修改' }));
    expect(err.code).toBe('VERSION_CONFLICT');
    expect(await getCampaign(w.ctx, w.office, c.id)).toMatchObject({ name: '第一次修改', version: 2 });
  });

  it('validates the merged campaign: a new end date before the stored start is refused', async () => {
    const { value: c } = await createCampaign(w.ctx, w.office, jilinCampaign());
    const err = await rejection(updateCampaign(w.ctx, w.office, c.id, 1, { endsOn: '2020-07-01' }));
    expect(err.fields?.map((f) => f.field)).toEqual(['endsOn']);
  });

  it('refuses to drop a target region a work group is assigned to', async () => {
    const { value: c } = await createCampaign(w.ctx, w.office, jilinCampaign());
    await createWorkGroup(w.ctx, w.office, c.id, ecologyGroup(w.units, { regionCodes: ['220184'] }));
    const err = await rejection(updateCampaign(w.ctx, w.office, c.id, 1, { targetRegionCodes: ['220200'] }));
    expect(err).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'targetRegionCodes' }] });
    expect((await getCampaign(w.ctx, w.office, c.id)).workGroupCount).toBe(1);
  });
});
