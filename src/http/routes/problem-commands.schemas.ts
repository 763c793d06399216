import { type TObject, Type } from '@sinclair/typebox';
import type { ProblemCommandType } from '../../core/problem.types.js';
import { PLAN_KINDS, SUPERVISION_LEVELS } from '../../core/vocabulary.js';
import { Id, IsoDate } from '../schemas.js';

const Text = (max = 5000) => Type.String({ minLength: 1, maxLength: max });
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const strict = <P extends Parameters<typeof Type.Object>[0]>(props: P) =>
  Type.Object(props, { additionalProperties: false });

const FourNotLetGo = strict({
  cause: Text(),
  rectification: strict({
    summary: Text(),
    evidence: Type.Array(Text(1000), { minItems: 1, maxItems: 100 }),
  }),
  accountability: strict({ done: Type.Boolean(), summary: Text() }),
  publicSatisfaction: Type.Union([
    strict({ kind: Type.Literal('complainant_feedback'), satisfied: Type.Boolean(), summary: Text() }),
    strict({ kind: Type.Literal('public_notice'), summary: Text() }),
    strict({ kind: Type.Literal('not_applicable'), reason: Text() }),
  ]),
});

/** One body schema per lifecycle command; each becomes POST /problems/{id}/{command-in-kebab-case}. */
export const COMMAND_SCHEMAS: Record<ProblemCommandType, { summary: string; body: TObject }> = {
  assign: {
    summary: '交办 / Assign to responsible units',
    body: strict({
      leadUnitId: Id,
      coUnitIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
      responsiblePerson: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
      deadline: IsoDate,
    }),
  },
  acknowledge: { summary: '签收 / Acknowledge', body: strict({}) },
  submit_plan: {
    summary: '报送整改方案 / Submit the rectification plan',
    body: strict({
      goal: Text(),
      measures: Type.Array(
        strict({
          id: Type.Optional(Type.String({ maxLength: 40 })),
          text: Text(),
          owner: Text(200),
          dueOn: IsoDate,
        }),
        { minItems: 1, maxItems: 200 },
      ),
      deadline: IsoDate,
      kind: literals(PLAN_KINDS),
    }),
  },
  approve_plan: {
    summary: '方案审核通过 / Approve the plan',
    body: strict({ comment: Type.Optional(Text()) }),
  },
  return_plan: {
    summary: '督促完善方案 / Return the plan with comments',
    body: strict({ comments: Text() }),
  },
  report_progress: {
    summary: '报送整改进展 / Report progress',
    body: strict({
      reportedOn: IsoDate,
      text: Text(),
      evidence: Type.Optional(Type.Array(Text(1000), { maxItems: 100 })),
      measuresDone: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 })),
    }),
  },
  request_closure: {
    summary: '申请销号（四个不放过）/ Request closure',
    body: strict({ fourNotLetGo: FourNotLetGo }),
  },
  accept_closure: {
    summary: '现场核查验收 / Accept the closure after an on-site check',
    body: strict({
      checkedOn: IsoDate,
      checkers: Type.Array(Text(100), { minItems: 1, maxItems: 20 }),
      opinion: Text(),
    }),
  },
  reject_closure: { summary: '验收不通过 / Reject the closure', body: strict({ reasons: Text() }) },
  raise_objection: {
    summary: '公示期异议 / Objection during the public notice',
    body: strict({ text: Text() }),
  },
  close: { summary: '销号 / Close after the notice period', body: strict({}) },
  reopen: { summary: '反弹重新打开 / Reopen on rebound', body: strict({ reason: Text() }) },
  request_extension: {
    summary: '申请延期 / Request a deadline extension',
    body: strict({ newDeadline: IsoDate, reason: Text() }),
  },
  approve_extension: {
    summary: '批准延期 / Approve the extension',
    body: strict({ comment: Type.Optional(Text()) }),
  },
  reject_extension: { summary: '驳回延期 / Reject the extension', body: strict({ comment: Text() }) },
  urge: { summary: '督促 / Urge', body: strict({ text: Text() }) },
  add_expert_opinion: {
    summary: '专家意见 / Expert opinion',
    body: strict({ rootCause: Text(), recommendations: Text() }),
  },
  list_supervision: {
    summary: '挂牌督办 / List for supervision',
    body: strict({ level: literals(SUPERVISION_LEVELS), deadline: IsoDate, reason: Text() }),
  },
  lift_supervision: { summary: '摘牌 / Lift listed supervision', body: strict({ reason: Text() }) },
  dismiss: { summary: '不属实，不予立案 / Dismiss as not substantiated', body: strict({ reason: Text() }) },
  merge_into: { summary: '合并为重复问题 / Merge as a duplicate', body: strict({ targetId: Id }) },
  edit: {
    summary: '修改基本信息 / Edit details',
    body: strict({
      changes: strict({
        title: Type.Optional(Text(200)),
        description: Type.Optional(Type.String({ maxLength: 20000 })),
        areas: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 4 })),
        subArea: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        problemKind: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        source: Type.Optional(Type.String()),
        location: Type.Optional(
          Type.Union([
            Type.Object({
              lat: Type.Number({ minimum: -90, maximum: 90 }),
              lng: Type.Number({ minimum: -180, maximum: 180 }),
            }),
            Type.Null(),
          ]),
        ),
      }),
    }),
  },
};

export const commandPath = (type: ProblemCommandType) => type.replaceAll('_', '-');
