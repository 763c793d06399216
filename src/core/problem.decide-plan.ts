import { DomainError, fieldError } from './errors.js';
import type { CommandHandler } from './problem.command-handler.js';
import { eventDraft } from './problem.events.js';
import type { Plan } from './problem.types.js';
import {
  type Check,
  optionalText,
  requireDate,
  requireOneOf,
  requireText,
  requireTextList,
  throwIfInvalid,
} from './problem.validation.js';
import { PLAN_KINDS } from './vocabulary.js';

/** 交办: who is responsible and by when. */
export const assign: CommandHandler<'assign'> = (_state, c, ctx) => {
  const coUnitIds = c.coUnitIds ?? [];
  throwIfInvalid([
    requireText('leadUnitId', c.leadUnitId, { zh: '牵头责任单位', en: 'The lead unit' }),
    requireTextList('coUnitIds', coUnitIds, 0, { zh: '配合单位', en: 'co-operating units' }),
    Array.isArray(coUnitIds) && coUnitIds.includes(c.leadUnitId)
      ? fieldError(
          'coUnitIds',
          '配合单位不能包含牵头单位',
          'Co-operating units must not include the lead unit',
        )
      : null,
    optionalText('responsiblePerson', c.responsiblePerson),
    requireDate('deadline', c.deadline, { notBefore: ctx.today }),
  ]);
  return eventDraft('problem.assigned', {
    leadUnitId: c.leadUnitId,
    coUnitIds: [...coUnitIds],
    responsiblePerson: c.responsiblePerson ?? null,
    deadline: c.deadline,
  });
};

/** 签收: the plan falls due after the campaign's number of working days. */
export const acknowledge: CommandHandler<'acknowledge'> = (_state, _c, ctx) =>
  eventDraft('problem.acknowledged', {
    planDueOn: ctx.addWorkingDays(ctx.today, ctx.rules.planDueWorkingDays),
  });

function checkMeasures(value: unknown, planDeadline: unknown): Check[] {
  if (!Array.isArray(value) || value.length === 0) {
    return [fieldError('measures', '请至少填写一项整改措施', 'Give at least one measure')];
  }
  const ids = value.map((m) => (m as { id?: unknown })?.id);
  const checks: Check[] = [
    new Set(ids).size === ids.length ? null : fieldError('measures', '措施编号重复', 'Measure ids repeat'),
  ];
  value.forEach((m: Record<string, unknown> | null, i) => {
    const at = `measures[${i}]`;
    const due = typeof planDeadline === 'string' ? { notAfter: planDeadline } : {};
    checks.push(
      requireText(`${at}.id`, m?.id, { zh: '措施编号', en: 'The measure id' }),
      requireText(`${at}.text`, m?.text, { zh: '措施内容', en: 'The measure' }),
      requireText(`${at}.owner`, m?.owner, { zh: '措施责任人', en: 'The measure owner' }),
      requireDate(`${at}.dueOn`, m?.dueOn, due),
    );
  });
  return checks;
}

/** 整改方案: goal, measures, deadline and kind. */
export const submitPlan: CommandHandler<'submit_plan'> = (state, c, ctx) => {
  throwIfInvalid([
    requireText('goal', c.goal, { zh: '整改目标', en: 'The goal' }),
    requireOneOf('kind', c.kind, PLAN_KINDS),
    requireDate('deadline', c.deadline, { notBefore: ctx.today }),
    ...checkMeasures(c.measures, c.deadline),
  ]);
  // A plan may not quietly push back a deadline that was set at assignment.
  if (state.deadline !== null && c.deadline > state.deadline) {
    throw new DomainError(
      'RULE_VIOLATION',
      {
        zh: `方案期限晚于问题整改期限${state.deadline}，须先申请延期`,
        en: `The plan's deadline is after the problem's deadline ${state.deadline}; request an extension first`,
      },
      [fieldError('deadline', `不能晚于${state.deadline}`, `Must not be after ${state.deadline}`)],
    );
  }
  return eventDraft('problem.plan_submitted', {
    goal: c.goal,
    measures: c.measures.map((m) => ({ id: m.id, text: m.text, owner: m.owner, dueOn: m.dueOn })),
    deadline: c.deadline,
    kind: c.kind,
  });
};

export const approvePlan: CommandHandler<'approve_plan'> = (_state, c) => {
  throwIfInvalid([optionalText('comment', c.comment)]);
  return eventDraft('problem.plan_approved', { comment: c.comment ?? null });
};

export const returnPlan: CommandHandler<'return_plan'> = (_state, c) => {
  throwIfInvalid([requireText('comments', c.comments, { zh: '退回意见', en: 'The comments' })]);
  return eventDraft('problem.plan_returned', { comments: c.comments });
};

function checkMeasuresDone(value: unknown, plan: Plan | null): Check {
  const listed = requireTextList('measuresDone', value, 0, { zh: '已完成措施', en: 'done measures' });
  if (listed) return listed;
  const known = new Set(plan?.measures.map((m) => m.id));
  const unknown = (value as string[]).filter((id) => !known.has(id));
  if (unknown.length === 0) return null;
  return fieldError(
    'measuresDone',
    `方案中没有措施：${unknown.join('、')}`,
    `Unknown measures: ${unknown.join(', ')}`,
  );
}

/** 整改进展: a dated report; the measures it lists are done on that date. */
export const reportProgress: CommandHandler<'report_progress'> = (state, c, ctx) => {
  const evidence = c.evidence ?? [];
  const measuresDone = c.measuresDone ?? [];
  throwIfInvalid([
    requireDate('reportedOn', c.reportedOn, { notAfter: ctx.today }),
    requireText('text', c.text, { zh: '进展情况', en: 'The progress text' }),
    requireTextList('evidence', evidence, 0, { zh: '佐证材料', en: 'evidence items' }),
    checkMeasuresDone(measuresDone, state.plan),
  ]);
  return eventDraft('problem.progress_reported', {
    reportedOn: c.reportedOn,
    text: c.text,
    evidence: [...evidence],
    measuresDone: [...measuresDone],
  });
};
