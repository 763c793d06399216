import { Type } from '@sinclair/typebox';
import { PROBLEM_STATUSES, WARNING_LEVELS } from '../../core/vocabulary.js';
import { Id, IsoDate, Nullable } from '../schemas.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
export const Status = literals(PROBLEM_STATUSES);
export const Warning = literals(WARNING_LEVELS);
const Location = Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number() }));
/** Structured sub-documents (plan, acceptance…) are described in the core types. */
const Doc = Nullable(Type.Unknown());

export const NewProblemBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 20000 })),
    source: Type.String({ minLength: 1 }),
    areas: Type.Array(Type.String(), { minItems: 1, maxItems: 4 }),
    subArea: Type.Optional(Nullable(Type.String())),
    problemKind: Type.Optional(Nullable(Type.String())),
    campaignId: Type.Optional(Nullable(Id)),
    workGroupId: Type.Optional(Nullable(Id)),
    regionCode: Type.String({ pattern: '^\\d{6}(\\d{3})?$' }),
    location: Type.Optional(Location),
    complaintLinked: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ProblemView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  version: Type.Integer(),
  status: Status,
  warning: Warning,
  title: Type.String(),
  description: Type.String(),
  source: Type.String(),
  areas: Type.Array(Type.String()),
  subArea: Nullable(Type.String()),
  problemKind: Nullable(Type.String()),
  campaignId: Nullable(Type.String()),
  workGroupId: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  location: Location,
  leadUnitId: Nullable(Type.String()),
  leadUnitName: Nullable(Type.String()),
  coUnitIds: Type.Array(Type.String()),
  responsiblePerson: Nullable(Type.String()),
  deadline: Nullable(IsoDate),
  planDueOn: Nullable(IsoDate),
  plan: Doc,
  planComments: Type.Array(Type.String()),
  lastProgressOn: Nullable(IsoDate),
  supervision: Doc,
  pendingExtension: Doc,
  closureRequest: Doc,
  acceptance: Doc,
  noticeEndsOn: Nullable(IsoDate),
  complaintLinked: Type.Boolean(),
  reopenCount: Type.Integer(),
  originId: Nullable(Type.String()),
  duplicateOfId: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  handledAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  abilities: Type.Array(Type.String(), { description: 'Actions this user may take now' }),
});

export const ProblemSummary = Type.Object({
  id: Type.String(),
  code: Type.String(),
  version: Type.Integer(),
  status: Status,
  title: Type.String(),
  source: Type.String(),
  area: Type.String(),
  subArea: Nullable(Type.String()),
  problemKind: Nullable(Type.String()),
  campaignId: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  leadUnitId: Nullable(Type.String()),
  leadUnitName: Nullable(Type.String()),
  deadline: Nullable(IsoDate),
  supervisionLevel: Nullable(Type.String()),
  reopenCount: Type.Integer(),
  illustrative: Type.Boolean(),
  updatedAt: Type.String(),
});

export const ListQuery = Type.Object({
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}(\\d{3})?$' })),
  status: Type.Optional(Type.Array(Status, { description: 'repeat or comma-separate' })),
  warning: Type.Optional(Warning),
  campaignId: Type.Optional(Id),
  workGroupId: Type.Optional(Id),
  source: Type.Optional(Type.String()),
  area: Type.Optional(Type.String()),
  subArea: Type.Optional(Type.String()),
  problemKind: Type.Optional(Type.String()),
  unitId: Type.Optional(Id),
  deadlineFrom: Type.Optional(IsoDate),
  deadlineTo: Type.Optional(IsoDate),
  supervised: Type.Optional(Type.Boolean()),
  originId: Type.Optional(Id),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description:
        '全文搜索：台账编号、标题、描述须包含全部词语（繁简通用；单个汉字或字母数字按前缀匹配）/ ' +
        'Text search: the ledger code, title and description hold every word (traditional or ' +
        'simplified; a single Chinese character or a word of letters and digits matches as a prefix)',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const EventView = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  type: Type.String(),
  actorId: Type.String(),
  actorName: Nullable(Type.String()),
  occurredAt: Type.String(),
  payload: Type.Unknown(),
  hash: Type.String(),
});
