import { Type } from '@sinclair/typebox';
import { CAMPAIGN_KINDS, CAMPAIGN_LEVELS } from '../../core/vocabulary.js';
import {
  createCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from '../../services/campaigns/campaign.service.js';
import type { ServiceContext } from '../../services/context.js';
import { expectedVersion, idempotencyKeyOf, withEtag } from '../conditional.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Id, IsoDate, Paged } from '../schemas.js';
import type { Api } from './index.js';
import { siteVisitRoutes } from './site-visits.routes.js';
import { workGroupRoutes } from './work-groups.routes.js';

const Days = Type.Integer({ minimum: 1, maximum: 3650 });
const Rules = Type.Object(
  {
    planDueWorkingDays: Days,
    complaintReplyDays: Days,
    noticePeriod: Type.Object(
      { length: Days, unit: Type.Union([Type.Literal('days'), Type.Literal('working_days')]) },
      { additionalProperties: false },
    ),
    dispatchEvery: Type.Union([
      Type.Literal('weekly'),
      Type.Literal('half_monthly'),
      Type.Literal('monthly'),
    ]),
    yellowWithinDays: Days,
    stalledAfterDays: Days,
  },
  { additionalProperties: false },
);
const Settings = Type.Partial(Rules, {
  additionalProperties: false,
  description: 'Rules that differ from the defaults',
});
const Level = Type.Union(CAMPAIGN_LEVELS.map((l) => Type.Literal(l)));
const Kind = Type.Union(CAMPAIGN_KINDS.map((k) => Type.Literal(k)));
const RegionCode = Type.String({ pattern: '^\\d{6}(\\d{3})?$' });
const Codes = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 });

const Campaign = Type.Object({
  id: Type.String(),
  name: Type.String(),
  level: Level,
  kind: Kind,
  provinceCode: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  description: Type.String(),
  targetRegions: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() })),
  areas: Type.Array(Type.String()),
  problemKinds: Type.Array(Type.String()),
  settings: Settings,
  rules: Rules,
  illustrative: Type.Boolean(),
  workGroupCount: Type.Integer(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  abilities: Type.Object({ update: Type.Boolean(), createWorkGroup: Type.Boolean() }),
});

const campaignFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  level: Level,
  kind: Kind,
  startsOn: IsoDate,
  endsOn: IsoDate,
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  targetRegionCodes: Type.Array(RegionCode, { minItems: 1, maxItems: 500 }),
  areas: Type.Optional(Codes),
  problemKinds: Type.Optional(Codes),
  settings: Type.Optional(Settings),
  illustrative: Type.Optional(Type.Boolean()),
};
const NewCampaign = Type.Object(
  { ...campaignFields, provinceCode: Type.String({ pattern: '^\\d{6}$' }) },
  { additionalProperties: false },
);
// The province is fixed once created: the work groups and problems hang on it.
const CampaignChanges = Type.Partial(Type.Object(campaignFields), { additionalProperties: false });

const TAGS = ['campaigns'];
const ById = Type.Object({ id: Id });

/** Campaigns, and (registered from here) their work groups and site visits. */
export async function campaignRoutes(app: Api, ctx: ServiceContext): Promise<void> {
  app.post(
    '/campaigns',
    {
      schema: {
        tags: TAGS,
        summary: '创建专项行动 / Create a campaign',
        description: 'Accepts Idempotency-Key: a retry returns the first result.',
        body: NewCampaign,
        response: { 201: Campaign, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request);
      const idem = key ? { key, request: ['POST /campaigns', request.body] } : undefined;
      const { value } = await createCampaign(ctx, actorOf(request), request.body, idem);
      reply.code(201).header('location', `/api/v1/campaigns/${value.id}`);
      return withEtag(reply, value);
    },
  );
  app.get(
    '/campaigns',
    {
      schema: {
        tags: TAGS,
        summary: '专项行动列表（新建在前）/ List campaigns, newest first',
        querystring: Type.Object({
          provinceCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
          kind: Type.Optional(Kind),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          cursor: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 200: Paged(Campaign), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return listCampaigns(ctx, actorOf(request), filter, { limit, cursor });
    },
  );
  app.get(
    '/campaigns/:id',
    {
      schema: {
        tags: TAGS,
        summary:
          '专项行动详情（含目标地区、生效规则）/ A campaign with its target regions and rules in force',
        params: ById,
        response: { 200: Campaign, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await getCampaign(ctx, actorOf(request), request.params.id)),
  );
  app.patch(
    '/campaigns/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改专项行动（需 If-Match）/ Change a campaign (If-Match required)',
        description:
          'Given fields replace the stored ones; `settings` replaces the stored overrides as a whole.',
        params: ById,
        body: CampaignChanges,
        response: { 200: Campaign, ...errorResponses(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      const view = await updateCampaign(ctx, actorOf(request), request.params.id, version, request.body);
      return withEtag(reply, view);
    },
  );
  await workGroupRoutes(app, ctx);
  await siteVisitRoutes(app, ctx);
}
