import { fieldError } from './errors.js';
import type { FourNotLetGo } from './problem.types.js';
import { type Check, isText, requireText, requireTextList } from './problem.validation.js';

/**
 * The four not-let-go (四个不放过) as field checks. Closure may only be requested when all four
 * are answered: cause found, rectification in place with evidence, accountability done (or
 * why none was needed), and the public satisfied. Problems linked to a complaint must show
 * the complainant's satisfaction or a public notice: "not applicable" is not an answer there.
 */
export function checkFourNotLetGo(value: unknown, complaintLinked: boolean): Check[] {
  const root = 'fourNotLetGo';
  if (typeof value !== 'object' || value === null) {
    return [fieldError(root, '请填写“四个不放过”', 'The four not-let-go are required')];
  }
  const f = value as Partial<FourNotLetGo>;
  return [
    requireText(`${root}.cause`, f.cause, { zh: '问题原因（问题不查清不放过）', en: 'The cause' }),
    requireText(`${root}.rectification.summary`, f.rectification?.summary, {
      zh: '整改情况（整改不到位不放过）',
      en: 'The rectification summary',
    }),
    requireTextList(`${root}.rectification.evidence`, f.rectification?.evidence, 1, {
      zh: '整改佐证材料',
      en: 'evidence items',
    }),
    typeof f.accountability?.done === 'boolean'
      ? null
      : fieldError(
          `${root}.accountability.done`,
          '请说明是否已追责',
          'Say whether accountability was pursued',
        ),
    requireText(`${root}.accountability.summary`, f.accountability?.summary, {
      zh: '追责情况或无需追责的理由（责任不落实不放过）',
      en: 'The accountability summary (or why none was needed)',
    }),
    ...checkPublicSatisfaction(`${root}.publicSatisfaction`, f.publicSatisfaction, complaintLinked),
  ];
}

function checkPublicSatisfaction(field: string, value: unknown, complaintLinked: boolean): Check[] {
  const p = (value ?? {}) as { kind?: unknown; satisfied?: unknown; summary?: unknown; reason?: unknown };
  switch (p.kind) {
    case 'complainant_feedback':
      return [
        p.satisfied === true
          ? null
          : fieldError(
              `${field}.satisfied`,
              '群众不满意不放过：举报人尚不满意',
              'The complainant is not satisfied yet',
            ),
        requireText(`${field}.summary`, p.summary, { zh: '群众反馈情况', en: 'The feedback summary' }),
      ];
    case 'public_notice':
      return [
        requireText(`${field}.summary`, p.summary, { zh: '公示情况', en: 'The public notice summary' }),
      ];
    case 'not_applicable':
      if (complaintLinked) {
        return [
          fieldError(
            `${field}.kind`,
            '群众举报问题须有举报人反馈或公示，不能填“不适用”',
            'A complaint-linked problem needs complainant feedback or a public notice, not "not applicable"',
          ),
        ];
      }
      return [
        isText(p.reason)
          ? null
          : fieldError(`${field}.reason`, '请说明不适用的理由', 'Say why it does not apply'),
      ];
    default:
      return [
        fieldError(
          `${field}.kind`,
          '请说明群众满意情况（举报人反馈、公示或不适用）',
          'Say how the public is satisfied (complainant feedback, public notice, or not applicable)',
        ),
      ];
  }
}
