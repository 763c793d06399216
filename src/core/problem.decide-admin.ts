import { fieldError } from './errors.js';
import type { CommandHandler } from './problem.command-handler.js';
import { EDITABLE_FIELDS, type EditableField, type EditableFields, eventDraft } from './problem.events.js';
import {
  type Check,
  optionalText,
  requireLocation,
  requireText,
  requireTextList,
  throwIfInvalid,
} from './problem.validation.js';

/** 不属实: the problem was not substantiated. */
export const dismiss: CommandHandler<'dismiss'> = (_state, c) => {
  throwIfInvalid([requireText('reason', c.reason, { zh: '不予立案的理由', en: 'The reason' })]);
  return eventDraft('problem.dismissed', { reason: c.reason });
};

/** 合并重复: this problem repeats another one, which carries on. */
export const mergeInto: CommandHandler<'merge_into'> = (state, c) => {
  throwIfInvalid([
    requireText('targetId', c.targetId, { zh: '目标问题', en: 'The target problem' }),
    c.targetId === state.id
      ? fieldError('targetId', '不能与自身合并', 'Cannot merge a problem into itself')
      : null,
    requireText('targetCode', c.targetCode, { zh: '目标问题编号', en: 'The target code' }),
  ]);
  return eventDraft('problem.merged', { targetId: c.targetId, targetCode: c.targetCode });
};

/** Field checks for the editable fields, the same rules as at registration. */
export const EDITABLE_FIELD_CHECKS: Readonly<
  Record<EditableField, (field: string, value: unknown) => Check>
> = {
  title: (f, v) => requireText(f, v, { zh: '标题', en: 'The title' }),
  description: (f, v) => (typeof v === 'string' ? null : fieldError(f, '应为文本', 'Must be text')),
  source: (f, v) => requireText(f, v, { zh: '问题来源', en: 'The source' }),
  areas: (f, v) => requireTextList(f, v, 1, { zh: '领域', en: 'areas' }),
  subArea: optionalText,
  problemKind: optionalText,
  location: requireLocation,
};

/** 修改: only the descriptive fields; the event keeps the previous values for the timeline. */
export const edit: CommandHandler<'edit'> = (state, c) => {
  const changes = (c.changes ?? {}) as Record<string, unknown>;
  const keys = Object.keys(changes);
  const unknown = keys.filter((k) => !(EDITABLE_FIELDS as readonly string[]).includes(k));
  throwIfInvalid([
    keys.length === 0 ? fieldError('changes', '没有要修改的内容', 'Nothing to change') : null,
    ...unknown.map((k) => fieldError(`changes.${k}`, '该字段不能修改', 'This field cannot be edited')),
    ...EDITABLE_FIELDS.filter((k) => keys.includes(k)).map((k) =>
      EDITABLE_FIELD_CHECKS[k](`changes.${k}`, changes[k]),
    ),
  ]);
  const picked: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const k of EDITABLE_FIELDS.filter((f) => keys.includes(f))) {
    picked[k] = changes[k] ?? null;
    previous[k] = state[k];
  }
  return eventDraft('problem.edited', {
    changes: picked as EditableFields,
    previous: previous as EditableFields,
  });
};
