import { Type } from '@sinclair/typebox';
import {
  COMPLAINT_CHANNELS,
  type COMPLAINT_COMMANDS,
  COMPLAINT_STATUSES,
  CONFIDENTIALITY_LEVELS,
  FINDINGS,
  POLLUTION_TYPES,
} from '../../core/complaint.js';
import { COMPLAINT_ACTIONS } from '../../core/complaint.policy.js';
import { IsoDate, Label, Nullable } from '../schemas.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (min: number, max: number) => Type.String({ minLength: min, maxLength: max });
const RegionCode = Type.String({ pattern: '^\\d{6}(\\d{3})?$' });

export const ComplainantBody = Type.Object(
  {
    name: Type.Optional(Text(1, 50)),
    phone: Type.Optional(Text(5, 20)),
    email: Type.Optional(Text(3, 254)),
    idNumber: Type.Optional(Text(18, 18)),
    address: Type.Optional(Text(0, 200)),
  },
  {
    additionalProperties: false,
    description: 'Sealed in the identity vault; never shown outside cleared handlers',
  },
);

const ComplaintFields = {
  content: Text(1, 5000),
  place: Text(1, 200),
  pollutionType: literals(POLLUTION_TYPES),
  regionCode: RegionCode,
  anonymous: Type.Optional(Type.Boolean()),
  complainant: Type.Optional(ComplainantBody),
  confidentiality: Type.Optional(literals(CONFIDENTIALITY_LEVELS)),
};

export const NewComplaintBody = Type.Object(
  {
    ...ComplaintFields,
    channel: literals(COMPLAINT_CHANNELS),
    campaignId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    receivedOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const PublicComplaintBody = Type.Object(ComplaintFields, { additionalProperties: false });

export const Receipt = Type.Object({
  trackingCode: Type.String({ description: 'Keep it: the only way to follow the complaint' }),
  status: Type.String(),
  statusLabel: Label,
  receivedOn: Type.String(),
  answerDueOn: Type.String(),
});

export const TrackingViewSchema = Type.Object({
  trackingCode: Type.String(),
  status: Type.String(),
  statusLabel: Label,
  receivedOn: Type.String(),
  answerDueOn: Type.String(),
  region: Type.String(),
  finding: Nullable(Type.String()),
  findingLabel: Nullable(Label),
  result: Nullable(Type.String()),
});

export const DisclosureSchema = Type.Object({
  publicNumber: Type.String(),
  receivedOn: Type.String(),
  region: Type.String(),
  pollutionType: Label,
  content: Type.String(),
  finding: Nullable(Label),
  result: Type.String(),
  accountability: Nullable(Type.String()),
  disclosedAt: Type.String(),
});

export const ComplaintSchema = Type.Object({
  id: Type.String(),
  publicNumber: Type.String(),
  trackingCode: Nullable(Type.String()),
  channel: Type.String(),
  content: Type.String(),
  place: Type.String(),
  pollutionType: Type.String(),
  pollutionTypeLabel: Label,
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  campaignId: Nullable(Type.String()),
  confidentiality: Type.String(),
  anonymous: Type.Boolean(),
  hasComplainant: Type.Boolean(),
  status: Type.String(),
  statusLabel: Label,
  receivedOn: Type.String(),
  answerDueOn: Type.String(),
  overdue: Type.Boolean(),
  routedUnit: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  finding: Nullable(Type.String()),
  findingLabel: Nullable(Label),
  result: Nullable(Type.String()),
  accountability: Nullable(Type.String()),
  problemId: Nullable(Type.String()),
  repeatOfId: Nullable(Type.String()),
  disclosedAt: Nullable(Type.String()),
  publicContent: Nullable(Type.String()),
  publicResult: Nullable(Type.String()),
  illustrative: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  abilities: Type.Object(Object.fromEntries(COMPLAINT_ACTIONS.map((a) => [a, Type.Boolean()]))),
});

export const ComplaintDetailSchema = Type.Object({
  ...ComplaintSchema.properties,
  repeatCandidates: Type.Array(
    Type.Object({
      id: Type.String(),
      publicNumber: Type.String(),
      place: Type.String(),
      receivedOn: Type.String(),
      status: Type.String(),
      similarity: Type.Number(),
    }),
  ),
});

export const ComplainantSchema = Type.Object({
  name: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  idNumber: Type.Optional(Type.String()),
  address: Type.Optional(Type.String()),
});

export const ComplaintListQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    status: Type.Optional(Type.Array(literals(COMPLAINT_STATUSES), { maxItems: 5 })),
    pollutionType: Type.Optional(literals(POLLUTION_TYPES)),
    channel: Type.Optional(literals(COMPLAINT_CHANNELS)),
    overdue: Type.Optional(Type.Boolean()),
    problemId: Type.Optional(Type.String({ maxLength: 64 })),
    repeatOfId: Type.Optional(Type.String({ maxLength: 64 })),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          '全文搜索：查询码、举报内容、地点须包含全部词语（繁简通用；举报人信息不可搜索）/ ' +
          'Text search: the tracking code, content and place hold every word (traditional or ' +
          'simplified; the complainant is never searchable)',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** Bodies of the lifecycle commands, by command. */
export const COMPLAINT_COMMAND_BODIES = {
  route: Type.Object(
    {
      unitId: Type.String({ maxLength: 64 }),
      regionCode: Type.Optional(RegionCode),
      answerDueOn: Type.Optional(IsoDate),
    },
    { additionalProperties: false },
  ),
  verify: Type.Object(
    { finding: literals(FINDINGS), result: Text(1, 4000), accountability: Type.Optional(Text(0, 4000)) },
    { additionalProperties: false },
  ),
  close: Type.Object({}, { additionalProperties: false }),
  not_accept: Type.Object({ reason: Text(1, 2000) }, { additionalProperties: false }),
  link_problem: Type.Object({ problemId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
  mark_repeat: Type.Object(
    { firstComplaintId: Type.String({ maxLength: 64 }) },
    { additionalProperties: false },
  ),
  disclose: Type.Object(
    { publicContent: Text(1, 2000), publicResult: Text(1, 4000) },
    { additionalProperties: false },
  ),
} satisfies Record<(typeof COMPLAINT_COMMANDS)[number], unknown>;
