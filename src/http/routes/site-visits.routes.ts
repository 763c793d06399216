import { Type } from '@sinclair/typebox';
import {
  getSiteVisit,
  listSiteVisits,
  recordSiteVisit,
} from '../../services/campaigns/site-visit.service.js';
import type { ServiceContext } from '../../services/context.js';
import { idempotencyKeyOf, withEtag } from '../conditional.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Id, IsoDate, Nullable, Paged } from '../schemas.js';
import type { Api } from './index.js';

const Finding = Type.Object({
  id: Type.String(),
  text: Type.String(),
  area: Nullable(Type.String()),
  problemId: Nullable(Type.String({ description: 'The problem this finding was registered as' })),
});

const SiteVisit = Type.Object({
  id: Type.String(),
  workGroupId: Type.String(),
  campaignId: Type.String(),
  visitedOn: Type.String(),
  region: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  place: Type.String(),
  participants: Type.Array(Type.String()),
  summary: Type.String(),
  findings: Type.Array(Finding),
  recordedBy: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
});

const NewSiteVisit = Type.Object(
  {
    visitedOn: IsoDate,
    regionCode: Type.String({ pattern: '^\\d{6}(\\d{3})?$' }),
    place: Type.String({ minLength: 1, maxLength: 300 }),
    participants: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
    summary: Type.Optional(Type.String({ maxLength: 20_000 })),
    findings: Type.Optional(
      Type.Array(
        Type.Object(
          {
            text: Type.String({ minLength: 1, maxLength: 5000 }),
            area: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
          },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
  },
  { additionalProperties: false },
);

const TAGS = ['campaigns'];
const ById = Type.Object({ id: Id });

/** Site visits (督导记录) of work groups. */
export async function siteVisitRoutes(app: Api, ctx: ServiceContext): Promise<void> {
  app.get(
    '/work-groups/:id/site-visits',
    {
      schema: {
        tags: TAGS,
        summary: '工作组督导记录（最近在前）/ Site visits of a work group, latest first',
        params: ById,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          cursor: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 200: Paged(SiteVisit), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => listSiteVisits(ctx, request.params.id, request.query),
  );
  app.post(
    '/work-groups/:id/site-visits',
    {
      schema: {
        tags: TAGS,
        summary: '记录督导 / Record a site visit',
        description:
          'Each finding gets an id, so it can later be registered as a problem. Accepts Idempotency-Key.',
        params: ById,
        body: NewSiteVisit,
        response: { 201: SiteVisit, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request);
      const idem = key
        ? { key, request: ['POST /work-groups/:id/site-visits', request.params.id, request.body] }
        : undefined;
      const { value } = await recordSiteVisit(ctx, actorOf(request), request.params.id, request.body, idem);
      reply.code(201).header('location', `/api/v1/site-visits/${value.id}`);
      return withEtag(reply, value);
    },
  );
  app.get(
    '/site-visits/:id',
    {
      schema: {
        tags: TAGS,
        summary: '督导记录详情 / A site visit',
        params: ById,
        response: { 200: SiteVisit, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await getSiteVisit(ctx, request.params.id)),
  );
}
