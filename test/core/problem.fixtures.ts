import type { UnitRef } from '../../src/core/actor.js';
import { DomainError } from '../../src/core/errors.js';
import { decide, registerProblem, type StoredProblemEvent } from '../../src/core/problem.lifecycle.js';
import type {
  DecisionContext,
  FourNotLetGo,
  IsoDate,
  IsoInstant,
  ProblemCommand,
  ProblemCommandType,
  ProblemState,
} from '../../src/core/problem.types.js';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import type { ProblemStatus } from '../../src/core/vocabulary.js';
import { addWorkingDays, todayInShanghai } from '../../src/core/working-days.js';

/** Jilin units: a county under 长春市, its sibling, the city, the province, and 梅河口市. */
const unit = (
  id: string,
  regionCode: string,
  regionAncestors: string[],
  kind: UnitRef['kind'] = 'government',
) =>
  ({
    id,
    kind,
    regionCode,
    regionLevel: regionAncestors.length === 0 ? 'province' : regionAncestors.length === 1 ? 'city' : 'county',
    regionAncestors,
  }) satisfies UnitRef;

export const UNITS = {
  lead: unit('u-nongan-env', '220122', ['220100', '220000'], 'department'), // 农安县生态环境分局
  co: unit('u-nongan-water', '220122', ['220100', '220000'], 'department'), // 农安县水利局
  sibling: unit('u-dehui-gov', '220183', ['220100', '220000']), // 德惠市人民政府
  city: unit('u-changchun-gov', '220100', ['220000']), // 长春市人民政府
  provinceOffice: unit('u-jilin-office', '220000', [], 'office'), // 省督察办
  provinceDept: unit('u-jilin-water', '220000', [], 'department'), // 省水利厅
  meihekou: unit('u-meihekou-env', '220581', ['220000'], 'department'), // 梅河口市生态环境局
  tonghua: unit('u-tonghua-gov', '220500', ['220000']), // 通化市人民政府
};

export type TestActor = DecisionContext['actor'];
const actor = (userId: string, u: UnitRef | null, extra: Partial<TestActor> = {}): TestActor => ({
  userId,
  unit: u,
  workGroupIds: [],
  isProvinceOffice: false,
  ...extra,
});

export const ACTORS = {
  leadStaff: actor('user-lead-1', UNITS.lead),
  leadColleague: actor('user-lead-2', UNITS.lead),
  coStaff: actor('user-co', UNITS.co),
  siblingCounty: actor('user-dehui', UNITS.sibling),
  cityOffice: actor('user-changchun', UNITS.city),
  provinceOffice: actor('user-office', UNITS.provinceOffice, { isProvinceOffice: true }),
  provinceDept: actor('user-water-dept', UNITS.provinceDept),
  workGroupMember: actor('user-wg', UNITS.provinceDept, { workGroupIds: ['wg-1'] }),
};

export const START: IsoInstant = '2020-07-20T02:00:00.000Z';
export const START_DAY: IsoDate = '2020-07-20';
/** The day the default 7-day notice started on START_DAY ends: close and objection both allowed. */
export const NOTICE_DAY_INSTANT: IsoInstant = '2020-07-27T02:00:00.000Z';

export function ctxFor(
  who: TestActor,
  now: IsoInstant = START,
  overrides: Partial<DecisionContext> = {},
): DecisionContext {
  return {
    now,
    today: todayInShanghai(now),
    rules: DEFAULT_RULES,
    actor: who,
    leadUnit: UNITS.lead,
    campaignWorkGroupIds: ['wg-1'],
    addWorkingDays,
    ...overrides,
  };
}

export const FOUR_NOT_LET_GO: FourNotLetGo = {
  cause: '企业除尘设施老化，监管不到位',
  rectification: { summary: '更换除尘设施，在线监测达标', evidence: ['att-001', 'att-002'] },
  accountability: { done: true, summary: '约谈企业负责人，对监管人员通报批评' },
  publicSatisfaction: { kind: 'public_notice', summary: '在县政府网站公示7日无异议' },
};

/** A valid command of each type for a problem on `today`. */
export function sampleCommand(type: ProblemCommandType, today: IsoDate = START_DAY): ProblemCommand {
  const samples: { [K in ProblemCommandType]: Extract<ProblemCommand, { type: K }> } = {
    assign: { type: 'assign', leadUnitId: UNITS.lead.id, coUnitIds: [UNITS.co.id], deadline: '2020-10-31' },
    acknowledge: { type: 'acknowledge' },
    submit_plan: {
      type: 'submit_plan',
      goal: '颗粒物排放稳定达标',
      measures: [
        { id: 'm1', text: '更换布袋除尘器', owner: '企业', dueOn: '2020-09-15' },
        { id: 'm2', text: '安装在线监测', owner: '县生态环境分局', dueOn: '2020-09-30' },
      ],
      deadline: '2020-10-31',
      kind: 'deadline',
    },
    approve_plan: { type: 'approve_plan', comment: '同意' },
    return_plan: { type: 'return_plan', comments: '措施不够具体' },
    report_progress: {
      type: 'report_progress',
      reportedOn: today,
      text: '除尘器已更换',
      measuresDone: ['m1'],
    },
    request_closure: { type: 'request_closure', fourNotLetGo: FOUR_NOT_LET_GO },
    accept_closure: {
      type: 'accept_closure',
      checkedOn: today,
      checkers: ['李四', '王五'],
      opinion: '整改到位',
    },
    reject_closure: { type: 'reject_closure', reasons: '佐证材料不足' },
    raise_objection: { type: 'raise_objection', text: '夜间仍有冒烟' },
    close: { type: 'close' },
    reopen: { type: 'reopen', reason: '问题反弹' },
    request_extension: { type: 'request_extension', newDeadline: '2020-12-31', reason: '设备供货延迟' },
    approve_extension: { type: 'approve_extension', comment: '同意延期' },
    reject_extension: { type: 'reject_extension', comment: '理由不充分' },
    urge: { type: 'urge', text: '请加快进度' },
    add_expert_opinion: {
      type: 'add_expert_opinion',
      rootCause: '工艺落后',
      recommendations: '实施超低排放改造',
    },
    list_supervision: {
      type: 'list_supervision',
      level: 'province',
      deadline: '2020-09-30',
      reason: '群众反映强烈',
    },
    lift_supervision: { type: 'lift_supervision', reason: '已按期整改' },
    dismiss: { type: 'dismiss', reason: '经核查不属实' },
    merge_into: { type: 'merge_into', targetId: 'p-first', targetCode: 'JL-2020-0001' },
    edit: { type: 'edit', changes: { title: '农安县某铸造厂烟尘污染' } },
  };
  return samples[type];
}

export interface Trail {
  state: ProblemState;
  events: StoredProblemEvent[];
}

export function registered(overrides: { complaintLinked?: boolean } = {}): Trail {
  const { next, event } = registerProblem(
    {
      id: 'p-1',
      code: 'JL-2020-0042',
      title: '农安县某铸造厂烟尘污染',
      description: '群众反映铸造厂夜间冒黑烟',
      source: 'provincial_look_back',
      areas: ['air'],
      subArea: 'scattered_polluting',
      regionCode: '220122',
      campaignId: 'c-2020',
      complaintLinked: overrides.complaintLinked ?? false,
    },
    ctxFor(ACTORS.provinceOffice),
  );
  return { state: next, events: [{ ...event, at: START, actorId: ACTORS.provinceOffice.userId }] };
}

/** Applies a command through `decide` and records the event, as the service would. */
export function apply(trail: Trail, command: ProblemCommand, ctx: DecisionContext): Trail {
  const { next, event } = decide(trail.state, command, ctx);
  return { state: next, events: [...trail.events, { ...event, at: ctx.now, actorId: ctx.actor.userId }] };
}

type Step = [ProblemCommandType, TestActor, IsoInstant?];
const { leadStaff: lead, provinceOffice: office } = ACTORS;
const PATHS: Record<ProblemStatus, Step[]> = {
  registered: [['list_supervision', office]],
  assigned: [['assign', office]],
  acknowledged: [['acknowledge', lead]],
  plan_submitted: [['submit_plan', lead]],
  plan_returned: [['return_plan', office]],
  rectifying: [['approve_plan', office]],
  closure_requested: [['request_closure', lead]],
  handled: [['accept_closure', office]],
  closed: [['close', office, NOTICE_DAY_INSTANT]],
  dismissed: [['dismiss', office]],
  merged: [['merge_into', office]],
};
const PARENT: Partial<Record<ProblemStatus, ProblemStatus>> = {
  assigned: 'registered',
  acknowledged: 'assigned',
  plan_submitted: 'acknowledged',
  plan_returned: 'plan_submitted',
  rectifying: 'plan_submitted',
  closure_requested: 'rectifying',
  handled: 'closure_requested',
  closed: 'handled',
  dismissed: 'registered',
  merged: 'registered',
};

/** Drives a fresh problem (listed for supervision at registration) to `status` through `decide`. */
export function driveTo(status: ProblemStatus, start: Trail = registered()): Trail {
  const parent = PARENT[status];
  let trail = parent ? driveTo(parent, start) : start;
  for (const [type, who, at = START] of PATHS[status]) {
    trail = apply(trail, sampleCommand(type, todayInShanghai(at)), ctxFor(who, at));
  }
  return trail;
}

/** A problem in `status` reached through the real lifecycle, with field overrides. */
export function buildProblem(overrides: Partial<ProblemState> & { status: ProblemStatus }): ProblemState {
  return { ...driveTo(overrides.status).state, ...overrides };
}

/** Runs `fn` and returns the DomainError it must throw with `code`. */
export function expectDomainError(fn: () => unknown, code: DomainError['code']): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError && error.code === code) return error;
    throw new Error(`expected DomainError ${code}, got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected DomainError ${code}, nothing was thrown`);
}
