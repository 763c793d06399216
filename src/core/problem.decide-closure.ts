import { checkFourNotLetGo } from './four-not-let-go.validation.js';
import type { CommandHandler } from './problem.command-handler.js';
import { eventDraft } from './problem.events.js';
import type { DecisionContext, FourNotLetGo, IsoDate } from './problem.types.js';
import { requireDate, requireText, requireTextList, throwIfInvalid } from './problem.validation.js';
import { addDays } from './working-days.js';

/** Keeps only the answer's known fields, so the stored payload is exactly the four answers. */
function normalizeFourNotLetGo(f: FourNotLetGo): FourNotLetGo {
  const p = f.publicSatisfaction;
  const publicSatisfaction: FourNotLetGo['publicSatisfaction'] =
    p.kind === 'complainant_feedback'
      ? { kind: p.kind, satisfied: p.satisfied, summary: p.summary }
      : p.kind === 'public_notice'
        ? { kind: p.kind, summary: p.summary }
        : { kind: p.kind, reason: p.reason };
  return {
    cause: f.cause,
    rectification: { summary: f.rectification.summary, evidence: [...f.rectification.evidence] },
    accountability: { done: f.accountability.done, summary: f.accountability.summary },
    publicSatisfaction,
  };
}

/** 申请销号: only with the four not-let-go answered. */
export const requestClosure: CommandHandler<'request_closure'> = (state, c) => {
  throwIfInvalid(checkFourNotLetGo(c.fourNotLetGo, state.complaintLinked));
  return eventDraft('problem.closure_requested', { fourNotLetGo: normalizeFourNotLetGo(c.fourNotLetGo) });
};

/** The last day of the public notice that starts after acceptance. */
export function noticeEndsOn(ctx: Pick<DecisionContext, 'today' | 'rules' | 'addWorkingDays'>): IsoDate {
  const { length, unit } = ctx.rules.noticePeriod;
  return unit === 'working_days' ? ctx.addWorkingDays(ctx.today, length) : addDays(ctx.today, length);
}

/** 验收: an on-site check by a higher level (rank checked in problem.guards), then public notice. */
export const acceptClosure: CommandHandler<'accept_closure'> = (_state, c, ctx) => {
  throwIfInvalid([
    requireDate('checkedOn', c.checkedOn, { notAfter: ctx.today }),
    requireTextList('checkers', c.checkers, 1, { zh: '验收人员', en: 'checkers' }),
    requireText('opinion', c.opinion, { zh: '验收意见', en: 'The acceptance opinion' }),
  ]);
  return eventDraft('problem.closure_accepted', {
    checkedOn: c.checkedOn,
    checkers: [...c.checkers],
    opinion: c.opinion,
    acceptorUnitId: ctx.actor.unit?.id ?? null,
    noticeEndsOn: noticeEndsOn(ctx),
  });
};

export const rejectClosure: CommandHandler<'reject_closure'> = (_state, c) => {
  throwIfInvalid([requireText('reasons', c.reasons, { zh: '不通过的理由', en: 'The reasons' })]);
  return eventDraft('problem.closure_rejected', { reasons: c.reasons });
};

/** 公示异议: during the notice period an objection sends the problem back to rectification. */
export const raiseObjection: CommandHandler<'raise_objection'> = (_state, c) => {
  throwIfInvalid([requireText('text', c.text, { zh: '异议内容', en: 'The objection' })]);
  return eventDraft('problem.objection_raised', { text: c.text });
};

/** 销号 after the notice period; a listed supervision ends with it. */
export const close: CommandHandler<'close'> = (state) =>
  eventDraft('problem.closed', { supervisionLifted: state.supervision !== null });

/** 反弹: a closed problem came back. */
export const reopen: CommandHandler<'reopen'> = (_state, c) => {
  throwIfInvalid([requireText('reason', c.reason, { zh: '重启理由', en: 'The reason' })]);
  return eventDraft('problem.reopened', { reason: c.reason });
};
