import { Type } from '@sinclair/typebox';
import type { ProblemCommand, ProblemCommandType } from '../../core/problem.types.js';
import type { ServiceContext } from '../../services/context.js';
import type { ProblemView as ProblemViewOf } from '../../services/problems/problem.presenter.js';
import { listProblems, problemEvents, viewProblem } from '../../services/problems/problem.queries.js';
import {
  actOnProblem,
  createScreeningItems,
  registerProblem,
} from '../../services/problems/problem.service.js';
import { expectedVersion, idempotencyKeyOf, withEtag } from '../conditional.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Paged } from '../schemas.js';
import { serialisedOnce } from '../serialised.js';
import type { Api } from './index.js';
import { EventView, ListQuery, NewProblemBody, ProblemSummary, ProblemView } from './problem.schemas.js';
import { COMMAND_SCHEMAS, commandPath } from './problem-commands.schemas.js';

const IdParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'id or ledger code' }),
});
const tags = ['problems'];

export async function problemRoutes(app: Api, ctx: ServiceContext): Promise<void> {
  const sendView = serialisedOnce<ProblemViewOf>();
  const sendTimeline = serialisedOnce<Awaited<ReturnType<typeof problemEvents>>>();
  app.post(
    '/problems',
    {
      schema: {
        tags,
        summary: '登记问题 / Register a problem',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: NewProblemBody,
        response: { 201: ProblemView, 200: ProblemView, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const key = idempotencyKeyOf(request);
      const { value, replayed } = await registerProblem(
        ctx,
        actor,
        request.body,
        key ? { key, request: { path: '/problems', body: request.body } } : undefined,
      );
      reply.header('location', `/api/v1/problems/${value.id}`);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send(withEtag(reply, value));
    },
  );

  app.get(
    '/problems',
    {
      schema: {
        tags,
        summary: '问题台账（筛选、游标分页）/ Ledger list with filters and keyset pagination',
        querystring: ListQuery,
        response: { 200: Paged(ProblemSummary), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return listProblems(ctx, actorOf(request), filter, { limit: limit ?? 50, cursor });
    },
  );

  app.get(
    '/problems/:id',
    {
      schema: {
        tags,
        summary: '问题详情 / Problem detail',
        params: IdParams,
        response: { 200: ProblemView, ...errorResponses(404) },
      },
    },
    // The service hands out the same view object while nothing it shows changed.
    async (request, reply) =>
      sendView(reply, withEtag(reply, await viewProblem(ctx, actorOf(request), request.params.id))),
  );

  app.get(
    '/problems/:id/events',
    {
      schema: {
        tags,
        summary: '问题时间线（事件）/ Timeline of events',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(EventView) }), ...errorResponses(404) },
      },
    },
    async (request, reply) =>
      sendTimeline(reply, await problemEvents(ctx, actorOf(request), request.params.id)),
  );

  app.post(
    '/problems/:id/screening',
    {
      schema: {
        tags,
        summary: '举一反三：在其他地区生成排查问题 / Create screening items in other regions',
        params: IdParams,
        body: Type.Object(
          {
            regionCodes: Type.Array(Type.String({ pattern: '^\\d{6}$' }), { minItems: 1, maxItems: 200 }),
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            description: Type.Optional(Type.String({ maxLength: 20000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ items: Type.Array(ProblemView) }), ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ items: await createScreeningItems(ctx, actorOf(request), request.params.id, request.body) }),
  );

  for (const [type, { summary, body }] of Object.entries(COMMAND_SCHEMAS) as [
    ProblemCommandType,
    (typeof COMMAND_SCHEMAS)[ProblemCommandType],
  ][]) {
    app.post(
      `/problems/:id/${commandPath(type)}`,
      {
        schema: {
          tags: ['problem lifecycle'],
          summary,
          params: IdParams,
          // Optional in the schema so a missing header gets 428 from expectedVersion, not a 400.
          headers: Type.Object({
            'if-match': Type.Optional(Type.String({ description: 'required: current version, e.g. "3"' })),
          }),
          body,
          response: { 200: ProblemView, ...errorResponses(400, 403, 404, 409, 412, 422, 428) },
        },
      },
      async (request, reply) => {
        const command = toCommand(type, request.body as Record<string, unknown>);
        const view = await actOnProblem(
          ctx,
          actorOf(request),
          request.params.id,
          expectedVersion(request),
          command,
        );
        return withEtag(reply, view);
      },
    );
  }
}

/** The HTTP body plus its type makes the core command; measure ids default to m1, m2… */
function toCommand(type: ProblemCommandType, body: Record<string, unknown>): ProblemCommand {
  if (type === 'submit_plan') {
    const measures = (body.measures as { id?: string }[]).map((m, i) => ({ ...m, id: m.id ?? `m${i + 1}` }));
    return { ...body, measures, type } as ProblemCommand;
  }
  return { ...body, type } as ProblemCommand;
}
