import type { FourNotLetGo, ProblemCommand } from '../../src/core/problem.types.js';
import { causeText, measureText, PROGRESS_TEXTS, pickOwner } from './templates.js';
import type { Timeline } from './timeline.js';

/** How a problem's story goes; the clock cuts every story off at "now". */
export type Fate = 'normal' | 'late' | 'stalled' | 'dismissed' | 'merged';
export const FATES: Record<Fate, number> = { normal: 74, late: 13, stalled: 8, dismissed: 3, merged: 2 };
/** Days from assignment to the deadline, roughly. */
const HORIZON_DAYS = { 30: 2, 120: 4, 240: 3, 540: 1 };

export interface Cast {
  office: string;
  staff: string;
  leadUnit: string;
  coUnits: string[];
  area: string;
  /** An earlier problem this one may repeat. */
  duplicateOf: { id: string; code: string } | null;
}

/** Plays the whole story after registration; returns whether it ended in a merge. */
export function playLifecycle(tl: Timeline, fate: Fate, cast: Cast): boolean {
  const { rng } = tl;
  if (fate === 'dismissed') {
    tl.act(2, 20, cast.office, { type: 'dismiss', reason: '经核查，反映问题不属实' });
    return false;
  }
  const horizon = rng.weighted(HORIZON_DAYS);
  const assigned = tl.act(1, 10, cast.office, {
    type: 'assign',
    leadUnitId: cast.leadUnit,
    coUnitIds: cast.coUnits.slice(0, rng.int(0, cast.coUnits.length)),
    responsiblePerson: pickOwner(rng),
    deadline: tl.inDays(Number(horizon) + rng.int(0, 30)),
  });
  if (!assigned) return false;
  if (fate === 'merged' && cast.duplicateOf) {
    const d = cast.duplicateOf;
    return tl.act(1, 20, cast.office, { type: 'merge_into', targetId: d.id, targetCode: d.code });
  }
  if (!tl.act(1, 6, cast.staff, { type: 'acknowledge' })) return false;
  if (!planPhase(tl, fate, cast)) return false;
  if (!rectify(tl, fate, cast)) return false;
  if (!closure(tl, cast)) return false;
  if (
    rng.chance(0.02) &&
    tl.act(30, 300, cast.office, { type: 'reopen', reason: '问题反弹，群众再次举报' })
  ) {
    if (rectify(tl, 'normal', cast)) closure(tl, cast);
  }
  return false;
}

/** Moves the deadline when it is (nearly) gone: request by the unit, approval by the office. */
function extend(tl: Timeline, cast: Cast, days: number): boolean {
  const newDeadline = tl.inDays(days);
  if (
    !tl.act(0, 2, cast.staff, { type: 'request_extension', newDeadline, reason: '工程量大，需延长整改期限' })
  )
    return false;
  return tl.act(1, 7, cast.office, { type: 'approve_extension', comment: '同意延期' });
}

function submitPlan(tl: Timeline, cast: Cast, minDays: number, maxDays: number): boolean {
  const { rng } = tl;
  if (tl.state.deadline !== null && tl.state.deadline < tl.inDays(maxDays + 10)) {
    if (!extend(tl, cast, maxDays + rng.int(60, 200))) return false;
  }
  const deadline = tl.state.deadline ?? tl.inDays(maxDays + 90);
  const measures = Array.from({ length: rng.int(2, 4) }, (_, i) => ({
    id: `m${i + 1}`,
    text: measureText(rng, cast.area),
    owner: pickOwner(rng),
    dueOn: deadline,
  }));
  return tl.act(minDays, maxDays, cast.staff, {
    type: 'submit_plan',
    goal: `${measureText(rng, cast.area)}，确保按期完成整改`,
    measures,
    deadline,
    kind: rng.pick(['immediate', 'deadline', 'deadline', 'long_term'] as const),
  });
}

function planPhase(tl: Timeline, fate: Fate, cast: Cast): boolean {
  const late = fate === 'stalled' ? 25 : 0;
  if (!submitPlan(tl, cast, 4 + late, 30 + late)) return false;
  if (tl.rng.chance(0.12)) {
    if (!tl.act(3, 10, cast.office, { type: 'return_plan', comments: '整改措施针对性不强，请补充完善' }))
      return false;
    if (!submitPlan(tl, cast, 3, 15)) return false;
  }
  return tl.act(3, 12, cast.office, { type: 'approve_plan', comment: '同意该方案' });
}

/** Progress reports until the work is done (late: well after the deadline; stalled: never). */
function rectify(tl: Timeline, fate: Fate, cast: Cast): boolean {
  const { rng } = tl;
  const deadlineMs = Date.parse(`${tl.state.deadline ?? tl.inDays(90)}T00:00:00Z`);
  const endMs =
    fate === 'late' ? deadlineMs + rng.int(20, 300) * 86_400_000 : deadlineMs - rng.int(0, 40) * 86_400_000;
  const reports = fate === 'stalled' ? rng.int(0, 1) : Number.POSITIVE_INFINITY;
  const done = new Set<string>();
  for (let n = 0; n < reports && (tl.t < endMs || n === 0); n++) {
    if (!oversight(tl, cast)) return false;
    const open = (tl.state.plan?.measures ?? []).map((m) => m.id).filter((id) => !done.has(id));
    const finished = open.length && rng.chance(0.4) ? [open[0]!] : [];
    const text = rng.pick(PROGRESS_TEXTS);
    const report = (reportedOn: string): ProblemCommand => ({
      type: 'report_progress',
      reportedOn,
      text,
      evidence: [`现场照片${n + 1}.jpg`],
      measuresDone: finished,
    });
    if (!tl.act(35, 110, cast.staff, report)) return false;
    for (const id of finished) done.add(id);
  }
  if (fate === 'stalled') {
    for (let i = rng.int(0, 6); i > 0; i--)
      tl.act(30, 120, cast.office, { type: 'urge', text: '整改进度滞后，请加快推进' });
    return false;
  }
  return true;
}

/** Now and then between reports: urging, an expert, listed supervision, an extension. */
function oversight(tl: Timeline, cast: Cast): boolean {
  const { rng } = tl;
  const r = rng.next();
  if (r < 0.07) return tl.act(3, 20, cast.office, { type: 'urge', text: '请按方案时限推进整改' });
  if (r < 0.1)
    return tl.act(3, 20, cast.office, {
      type: 'add_expert_opinion',
      rootCause: causeText(rng, cast.area),
      recommendations: measureText(rng, cast.area),
    });
  if (r < 0.115 && tl.state.supervision === null)
    return tl.act(3, 20, cast.office, {
      type: 'list_supervision',
      level: 'province',
      deadline: tl.inDays(rng.int(40, 120)),
      reason: '问题突出，挂牌督办',
    });
  if (r < 0.14 && tl.state.pendingExtension === null)
    return extend(tl, cast, rng.int(90, 240) + daysLeft(tl));
  return true;
}

const daysLeft = (tl: Timeline) =>
  Math.max(
    0,
    Math.round(
      (Date.parse(`${tl.state.deadline ?? tl.today}T00:00:00Z`) - Date.parse(`${tl.today}T00:00:00Z`)) /
        86_400_000,
    ),
  );

function fourNotLetGo(tl: Timeline, cast: Cast): FourNotLetGo {
  const { rng } = tl;
  return {
    cause: causeText(rng, cast.area),
    rectification: {
      summary: `${measureText(rng, cast.area)}，已完成全部整改任务`,
      evidence: ['整改报告.pdf', '验收照片.jpg'],
    },
    accountability: { done: rng.chance(0.3), summary: '对相关责任人进行约谈' },
    publicSatisfaction: tl.state.complaintLinked
      ? { kind: 'complainant_feedback', satisfied: true, summary: '回访举报人，表示满意' }
      : rng.chance(0.5)
        ? { kind: 'public_notice', summary: '在政府网站公示7日，无异议' }
        : { kind: 'not_applicable', reason: '非群众举报问题' },
  };
}

/** Request, (sometimes a rejection and more work,) acceptance, public notice, closure. */
function closure(tl: Timeline, cast: Cast): boolean {
  const { rng } = tl;
  if (!tl.act(1, 10, cast.staff, { type: 'request_closure', fourNotLetGo: fourNotLetGo(tl, cast) }))
    return false;
  if (rng.chance(0.06)) {
    if (!tl.act(5, 20, cast.office, { type: 'reject_closure', reasons: '现场核查发现整改不彻底' }))
      return false;
    const text = '已按验收意见完成补充整改';
    if (
      !tl.act(10, 40, cast.staff, (reportedOn) => ({
        type: 'report_progress',
        reportedOn,
        text,
        evidence: [],
        measuresDone: [],
      }))
    )
      return false;
    if (!tl.act(1, 10, cast.staff, { type: 'request_closure', fourNotLetGo: fourNotLetGo(tl, cast) }))
      return false;
  }
  const checkers = [pickOwner(rng), `${pickOwner(rng)}（专家）`];
  const opinion = '经现场核查，整改到位，同意销号';
  if (!tl.act(5, 25, cast.office, (checkedOn) => ({ type: 'accept_closure', checkedOn, checkers, opinion })))
    return false;
  return tl.act(8, 25, cast.office, { type: 'close' });
}
