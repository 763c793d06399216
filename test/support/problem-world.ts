import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { seedReferenceData } from '../../src/db/reference/seed-reference.js';
import { buildApp } from '../../src/http/app.js';
import { addUser, createToken, findUserByLogin, loadActor } from '../../src/services/accounts.service.js';
import { createCampaign } from '../../src/services/campaigns/campaign.service.js';
import { createWorkGroup } from '../../src/services/campaigns/work-group.service.js';
import { createServiceContext, fixedClock, type ServiceContext } from '../../src/services/context.js';
import { createUnit, type Unit } from '../../src/services/units.service.js';

/** 2020-08-03 10:00 in Changchun. */
export const START = '2020-08-03T02:00:00Z';

export interface ProblemWorld {
  ctx: ServiceContext;
  clock: ReturnType<typeof fixedClock>;
  app: FastifyInstance;
  campaignId: string;
  units: Record<'office' | 'changchun' | 'gzlBureau' | 'gzlWater' | 'meihekou' | 'siping', Unit>;
  tokens: Record<'office' | 'city' | 'clerk' | 'expert' | 'viewer' | 'mhkClerk', string>;
  /** inject() with the token of one of the accounts. */
  as(
    who: keyof ProblemWorld['tokens'],
  ): (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
}

/** Jilin reference data, a campaign, units at three levels and an account per role, with tokens. */
export async function problemWorld(database: Database): Promise<ProblemWorld> {
  const clock = fixedClock(START);
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-files-'));
  const ctx = createServiceContext(database.db, database.engine, {
    clock,
    dataDir,
    awaitDurable: database.awaitDurable,
  });
  await seedReferenceData(database.db, { provinces: ['220000'], towns: false });
  const unit = (name: string, kind: Unit['kind'], regionCode: string) =>
    createUnit(ctx, { name, kind, regionCode });
  const units = {
    office: await unit('吉林省生态环境保护工作领导小组办公室', 'office', '220000'),
    changchun: await unit('长春市人民政府', 'government', '220100'),
    gzlBureau: await unit('公主岭市生态环境局', 'department', '220184'),
    gzlWater: await unit('公主岭市水利局', 'department', '220184'),
    meihekou: await unit('梅河口市生态环境局', 'department', '220581'),
    siping: await unit('四平市人民政府', 'government', '220300'),
  };
  const account = async (
    login: string,
    role: Parameters<typeof addUser>[1]['role'],
    unitId: string | null,
  ) => {
    await addUser(ctx, { login, role, unitId });
    return (await createToken(ctx, login)).token;
  };
  const tokens = {
    office: await account('office', 'office', units.office.id),
    city: await account('changchun', 'office', units.changchun.id),
    clerk: await account('gzl-clerk', 'unit_staff', units.gzlBureau.id),
    mhkClerk: await account('mhk-clerk', 'unit_staff', units.meihekou.id),
    expert: await account('expert', 'expert', null),
    // A leadership viewer at the province: reads everything there, changes nothing.
    viewer: await account('viewer', 'viewer', units.office.id),
  };
  const officeActor = await loadActor(ctx, (await findUserByLogin(ctx, 'office'))!);
  const { value: campaign } = await createCampaign(ctx, officeActor, {
    name: '强化监督重点帮扶专项行动',
    level: 'provincial',
    kind: 'special_action',
    provinceCode: '220000',
    startsOn: '2020-07-27',
    endsOn: '2020-08-28',
    targetRegionCodes: ['220100', '220200', '220300', '220581'],
    areas: ['air', 'water', 'soil', 'ecology'],
    problemKinds: ['locality_difficulty', 'department_known', 'look_back_key'],
    settings: { planDueWorkingDays: 15, noticePeriod: { length: 7, unit: 'days' } },
  });
  const campaignId = campaign.id;
  // The expert sits in the group assigned 长春市 and 吉林市: that is what they see.
  const expert = await findUserByLogin(ctx, 'expert');
  await createWorkGroup(ctx, officeActor, campaignId, {
    name: '第一督导帮扶工作组',
    leadUnitId: units.office.id,
    regionCodes: ['220100', '220200'],
    members: [{ name: '王教授', memberRole: 'expert', userId: expert!.id, expertise: '水污染治理' }],
  });
  const app = await buildApp({ ctx });
  return {
    ctx,
    clock,
    app,
    campaignId,
    units,
    tokens,
    as:
      (who) =>
      (method, url, body, headers = {}) =>
        app.inject({
          method,
          url: `/api/v1${url}`,
          headers: { authorization: `Bearer ${tokens[who]}`, ...headers },
          ...(body === undefined ? {} : { payload: body as object }),
        }),
  };
}

/** A valid registration body in 公主岭市, with overrides. */
export const newProblem = (campaignId: string, overrides: Record<string, unknown> = {}) => ({
  title: '公主岭市污水处理厂出水氨氮超标',
  description: '督导发现该厂出水氨氮浓度超过一级A标准，在线监测数据存在异常。',
  source: 'provincial_look_back',
  areas: ['water'],
  subArea: 'river_quality',
  problemKind: 'look_back_key',
  campaignId,
  regionCode: '220184',
  ...overrides,
});

export const fourNotLetGo = {
  cause: '提标改造滞后，运维单位未按规程投加碳源',
  rectification: {
    summary: '完成提标改造并稳定运行30日',
    evidence: ['第三方监测报告 2020-10-12', '在线监测数据截图'],
  },
  accountability: { done: true, summary: '对运维单位约谈并处罚款，对监管人员诫勉谈话' },
  publicSatisfaction: { kind: 'not_applicable' as const, reason: '非信访件，无具体举报人' },
};
