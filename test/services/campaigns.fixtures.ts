import type { Actor } from '../../src/core/actor.js';
import type { Database } from '../../src/db/database.js';
import { seedReferenceData } from '../../src/db/reference/seed-reference.js';
import { addUser, loadActor } from '../../src/services/accounts.service.js';
import type { NewCampaign } from '../../src/services/campaigns/campaign-input.js';
import type { NewWorkGroup } from '../../src/services/campaigns/work-group-input.js';
import { createServiceContext, fixedClock, type ServiceContext } from '../../src/services/context.js';
import { createUnit, type Unit } from '../../src/services/units.service.js';

/** 2020-07-30 10:00 in Changchun: the Jilin action's first week. */
export const NOW = '2020-07-30T02:00:00Z';

/** The seven places of the Jilin action (seed 000): six cities and 梅河口市, run by the province. */
export const JILIN_TARGETS = ['220100', '220200', '220300', '220400', '220700', '220800', '220581'];

export interface CampaignWorld {
  ctx: ServiceContext;
  office: Actor;
  viewer: Actor;
  units: { office: Unit; ecology: Unit; water: Unit; housing: Unit };
  /** The same context with its own fixed clock, for tests about order in time. */
  at(iso: string): ServiceContext;
}

/** Reference data (Jilin and Hebei, no towns), provincial units and an office and a viewer account. */
export async function campaignWorld(database: Database): Promise<CampaignWorld> {
  const ctx = createServiceContext(database.db, database.engine, { clock: fixedClock(NOW) });
  await seedReferenceData(database.db, { provinces: ['220000', '130000'], towns: false });
  const unit = (name: string, kind: Unit['kind'] = 'department') =>
    createUnit(ctx, { name, kind, regionCode: '220000' });
  const units = {
    office: await unit('吉林省生态环境保护督察办公室', 'office'),
    ecology: await unit('吉林省生态环境厅'),
    water: await unit('吉林省水利厅'),
    housing: await unit('吉林省住房和城乡建设厅'),
  };
  const office = await addUser(ctx, {
    login: 'dcb',
    displayName: '督察办',
    role: 'office',
    unitId: units.office.id,
  });
  const viewer = await addUser(ctx, { login: 'guest', role: 'viewer' });
  return {
    ctx,
    office: await loadActor(ctx, office),
    viewer: await loadActor(ctx, viewer),
    units,
    at: (iso) => ({ ...ctx, clock: fixedClock(iso) }),
  };
}

/** 吉林省强化监督重点帮扶专项行动, with overrides. */
export const jilinCampaign = (overrides: Partial<NewCampaign> = {}): NewCampaign => ({
  name: '强化监督重点帮扶专项行动',
  level: 'provincial',
  kind: 'special_action',
  provinceCode: '220000',
  startsOn: '2020-07-27',
  endsOn: '2020-08-28',
  description: '四个方面、三类问题、一张清单',
  targetRegionCodes: JILIN_TARGETS,
  areas: ['air', 'water', 'soil', 'ecology'],
  problemKinds: ['locality_difficulty', 'department_known', 'look_back_key'],
  settings: { dispatchEvery: 'weekly' },
  illustrative: true,
  ...overrides,
});

/** The ecology department's group, assigned 长春市 and 梅河口市. */
export const ecologyGroup = (
  units: CampaignWorld['units'],
  overrides: Partial<NewWorkGroup> = {},
): NewWorkGroup => ({
  name: '省生态环境厅督导帮扶工作组',
  leadUnitId: units.ecology.id,
  memberUnitIds: [units.water.id],
  regionCodes: ['220100', '220581'],
  members: [
    { name: '王组长', title: '副厅长', unitId: units.ecology.id, memberRole: 'leader' },
    { name: '李专家', memberRole: 'expert', expertise: '大气污染防治' },
  ],
  ...overrides,
});

export async function countRows(
  ctx: ServiceContext,
  table: 'campaigns' | 'work_groups' | 'site_visits' | 'events',
) {
  const r = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The events of one aggregate as (seq, type) pairs. */
export async function eventTypes(ctx: ServiceContext, aggregateId: string) {
  const rows = await ctx.db
    .selectFrom('events')
    .select(['seq', 'type', 'actor_id'])
    .where('aggregate_id', '=', aggregateId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => `${r.seq}:${r.type}`);
}

/** Catches the error a promise rejects with (for asserting codes and fields). */
export async function rejection(
  p: Promise<unknown>,
): Promise<{ code?: string; fields?: { field: string; message: { zh: string; en: string } }[] }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; fields?: { field: string; message: { zh: string; en: string } }[] };
  }
  throw new Error('expected a rejection');
}
