import { fieldError } from './errors.js';
import type { CommandHandler } from './problem.command-handler.js';
import { eventDraft } from './problem.events.js';
import type { ExtensionRequest, ProblemState } from './problem.types.js';
import {
  optionalText,
  requireDate,
  requireOneOf,
  requireText,
  throwIfInvalid,
} from './problem.validation.js';
import { SUPERVISION_LEVELS } from './vocabulary.js';

/** 申请延期: a later deadline, with a reason, one request at a time (pending checked in guards). */
export const requestExtension: CommandHandler<'request_extension'> = (state, c, ctx) => {
  const current = state.deadline;
  const dateCheck = requireDate('newDeadline', c.newDeadline, { notBefore: ctx.today });
  throwIfInvalid([
    dateCheck ??
      (current !== null && c.newDeadline <= current
        ? fieldError(
            'newDeadline',
            `应晚于现有期限${current}`,
            `Must be after the current deadline ${current}`,
          )
        : null),
    requireText('reason', c.reason, { zh: '延期理由', en: 'The reason' }),
  ]);
  return eventDraft('problem.extension_requested', { newDeadline: c.newDeadline, reason: c.reason });
};

// Guards ensure an extension is pending before these handlers run.
const pending = (state: ProblemState): ExtensionRequest => state.pendingExtension!;

export const approveExtension: CommandHandler<'approve_extension'> = (state, c) => {
  throwIfInvalid([optionalText('comment', c.comment)]);
  return eventDraft('problem.extension_approved', {
    previousDeadline: state.deadline,
    newDeadline: pending(state).newDeadline,
    comment: c.comment ?? null,
  });
};

export const rejectExtension: CommandHandler<'reject_extension'> = (state, c) => {
  throwIfInvalid([requireText('comment', c.comment, { zh: '驳回理由', en: 'The comment' })]);
  return eventDraft('problem.extension_rejected', {
    newDeadline: pending(state).newDeadline,
    comment: c.comment,
  });
};

/** 督促: recorded for the timeline and the dispatch; the problem itself does not move. */
export const urge: CommandHandler<'urge'> = (_state, c) => {
  throwIfInvalid([requireText('text', c.text, { zh: '督促内容', en: 'The text' })]);
  return eventDraft('problem.urged', { text: c.text });
};

export const addExpertOpinion: CommandHandler<'add_expert_opinion'> = (_state, c) => {
  throwIfInvalid([
    requireText('rootCause', c.rootCause, { zh: '问题根源', en: 'The root cause' }),
    requireText('recommendations', c.recommendations, { zh: '意见建议', en: 'The recommendations' }),
  ]);
  return eventDraft('problem.expert_opinion_added', {
    rootCause: c.rootCause,
    recommendations: c.recommendations,
  });
};

/** 挂牌督办 at a level with its own deadline; listing again replaces the level and deadline. */
export const listSupervision: CommandHandler<'list_supervision'> = (_state, c, ctx) => {
  throwIfInvalid([
    requireOneOf('level', c.level, SUPERVISION_LEVELS),
    requireDate('deadline', c.deadline, { notBefore: ctx.today }),
    requireText('reason', c.reason, { zh: '挂牌理由', en: 'The reason' }),
  ]);
  return eventDraft('problem.supervision_listed', { level: c.level, deadline: c.deadline, reason: c.reason });
};

export const liftSupervision: CommandHandler<'lift_supervision'> = (_state, c) => {
  throwIfInvalid([requireText('reason', c.reason, { zh: '摘牌理由', en: 'The reason' })]);
  return eventDraft('problem.supervision_lifted', { reason: c.reason });
};
