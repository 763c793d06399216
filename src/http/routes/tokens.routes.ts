import { Type } from '@sinclair/typebox';
import type { AccountSettings } from '../../services/accounts/settings.js';
import { createOwnToken, listTokens, revokeToken } from '../../services/accounts/tokens.service.js';
import type { ServiceContext } from '../../services/context.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Id, Nullable } from '../schemas.js';
import { NO_STORE, TokenSchema } from './account.schemas.js';
import type { Api } from './index.js';

const TAGS = ['session'];

/** The signed-in user's API tokens: hashed at rest, with expiry, revocable, last-used time. */
export async function tokenRoutes(app: Api, ctx: ServiceContext, settings: AccountSettings): Promise<void> {
  app.get(
    '/tokens',
    {
      schema: {
        tags: TAGS,
        summary: '我的访问令牌 / My API tokens',
        response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), ...errorResponses(401) },
      },
    },
    async (request) => ({ items: await listTokens(ctx, actorOf(request)) }),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: TAGS,
        summary: '创建访问令牌 / Create an API token',
        description: `The token is returned once; only its hash is kept. At most ${settings.tokenMaxDays} days.`,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            expiresInDays: Type.Integer({ minimum: 1, maximum: settings.tokenMaxDays }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            name: Type.String(),
            token: Type.String(),
            expiresAt: Nullable(Type.String()),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const created = await createOwnToken(
        ctx,
        actorOf(request),
        request.body,
        settings.tokenMaxDays,
        request.ip,
      );
      reply.code(201).header('cache-control', NO_STORE).header('location', `/api/v1/tokens/${created.id}`);
      return { ...created, name: request.body.name };
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags: TAGS,
        summary: '吊销访问令牌 / Revoke an API token',
        params: Type.Object({ id: Id }),
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeToken(ctx, actorOf(request), request.params.id, request.ip);
      return reply.code(204).send(null);
    },
  );
}
