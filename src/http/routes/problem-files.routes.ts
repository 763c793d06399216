import { Type } from '@sinclair/typebox';
import { buildCaseFile } from '../../io/case-file.js';
import { listAttachments, readAttachment } from '../../services/attachments.service.js';
import type { ServiceContext } from '../../services/context.js';
import { registerFromFinding } from '../../services/problems/from-finding.js';
import { oneList } from '../../services/problems/one-list.js';
import { problemEvents, viewProblem } from '../../services/problems/problem.queries.js';
import { statsForRegion } from '../../services/problems/problem.stats.service.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Id, Nullable } from '../schemas.js';
import { serialisedOnce } from '../serialised.js';
import type { Api } from './index.js';
import { NewProblemBody, ProblemView, Status } from './problem.schemas.js';

const OneListItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  title: Type.String(),
  status: Status,
  source: Type.String(),
  area: Type.String(),
  subArea: Nullable(Type.String()),
  problemKind: Nullable(Type.String()),
  deadline: Nullable(Type.String()),
  supervisionLevel: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Type.String(),
  leadUnitName: Nullable(Type.String()),
});

/** Lists and files compiled from the ledger: the one list, the case file, findings → problems. */
export async function problemFileRoutes(app: Api, ctx: ServiceContext): Promise<void> {
  const sendStats = serialisedOnce<Awaited<ReturnType<typeof statsForRegion>>>();
  app.get(
    '/campaigns/:id/regions/:code/one-list',
    {
      schema: {
        tags: ['problems'],
        summary: '一张清单：某地在某专项行动中的问题清单 / The one list of a place in a campaign',
        params: Type.Object({ id: Id, code: Type.String({ pattern: '^\\d{6}$' }) }),
        response: {
          200: Type.Object({
            campaign: Type.Object({
              id: Type.String(),
              name: Type.String(),
              startsOn: Type.String(),
              endsOn: Type.String(),
              illustrative: Type.Boolean(),
            }),
            region: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
            total: Type.Integer(),
            byStatus: Type.Record(Type.String(), Type.Integer()),
            items: Type.Array(OneListItem),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => oneList(ctx, actorOf(request), request.params.id, request.params.code),
  );

  app.get(
    '/problems/:id/case-file',
    {
      schema: {
        tags: ['problems'],
        summary: '一案一档（ZIP）/ The case file as one archive',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const problem = await viewProblem(ctx, actor, request.params.id);
      const events = (await problemEvents(ctx, actor, problem.id)).items;
      const files = await Promise.all(
        (await listAttachments(ctx, actor, problem.id)).map(async (a) => ({
          name: a.fileName,
          content: (await readAttachment(ctx, actor, a.id)).content,
        })),
      );
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${problem.code}.zip"`)
        .send(Buffer.from(buildCaseFile(problem, events, files)));
    },
  );

  app.post(
    '/site-visits/:id/findings/:findingId/problem',
    {
      schema: {
        tags: ['campaigns'],
        summary: '督导发现登记为问题 / Register a site-visit finding as a problem',
        params: Type.Object({ id: Id, findingId: Id }),
        body: Type.Partial(NewProblemBody, { additionalProperties: false }),
        response: { 201: ProblemView, ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await registerFromFinding(
            ctx,
            actorOf(request),
            request.params.id,
            request.params.findingId,
            request.body,
          ),
        ),
  );

  app.get(
    '/stats/problems',
    {
      schema: {
        tags: ['problems'],
        summary: '统计：按状态、领域、预警和下级地区 / Counts by status, area, warning and child region',
        querystring: Type.Object({
          regionCode: Type.String({ pattern: '^\\d{6}$' }),
          campaignId: Type.Optional(Id),
        }),
        response: {
          200: Type.Object({
            regionCode: Type.String(),
            asOf: Type.String(),
            total: Type.Integer(),
            byStatus: Type.Record(Type.String(), Type.Integer()),
            byArea: Type.Record(Type.String(), Type.Integer()),
            byWarning: Type.Object({
              red: Type.Integer(),
              yellow: Type.Integer(),
              stalled: Type.Integer(),
              green: Type.Integer(),
            }),
            children: Type.Array(
              Type.Object({
                regionCode: Type.String(),
                name: Type.String(),
                total: Type.Integer(),
                open: Type.Integer(),
                overdue: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses(404),
        },
      },
    },
    // The service hands out the same answer object while the counts, date and names hold.
    async (request, reply) =>
      sendStats(
        reply,
        await statsForRegion(ctx, actorOf(request), request.query.regionCode, request.query.campaignId),
      ),
  );
}
