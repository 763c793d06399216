import { Type } from '@sinclair/typebox';
import { resetPassword, resetTotp } from '../../services/accounts/recovery.service.js';
import type { AccountSettings } from '../../services/accounts/settings.js';
import {
  createAccount,
  getAccount,
  grantRole,
  listAccounts,
  setClearances,
  updateAccount,
} from '../../services/accounts/users.service.js';
import type { ServiceContext } from '../../services/context.js';
import { expectedVersion, withEtag } from '../conditional.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Id, Nullable, Paged } from '../schemas.js';
import { AccountSchema, NO_STORE, RoleSchema } from './account.schemas.js';
import type { Api } from './index.js';

const TAGS = ['accounts'];
const ById = Type.Object({ id: Id });
const Login = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$' });
const Secret = Type.Object({ oneTimeSecret: Type.String() });

/**
 * Accounts, for the separated administrators: the system administrator opens, edits and
 * disables them; the security administrator grants roles (三权分立, core/admin-roles.ts).
 */
export async function accountRoutes(app: Api, ctx: ServiceContext, settings: AccountSettings): Promise<void> {
  app.get(
    '/users',
    {
      schema: {
        tags: TAGS,
        summary: '账号列表 / Accounts',
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: Paged(AccountSchema), ...errorResponses(401, 403) },
      },
    },
    async (request) =>
      listAccounts(ctx, actorOf(request), { after: request.query.cursor, limit: request.query.limit }),
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags: TAGS,
        summary: '账号 / An account',
        params: ById,
        response: { 200: AccountSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await getAccount(ctx, actorOf(request), request.params.id)),
  );

  app.post(
    '/users',
    {
      schema: {
        tags: TAGS,
        summary: '创建账号 / Open an account',
        description:
          'System administrator only. The account starts as viewer with a one-time secret, returned once, to be changed at the first sign-in.',
        body: Type.Object(
          {
            login: Login,
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            unitId: Type.Optional(Nullable(Id)),
            role: Type.Optional(RoleSchema),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Intersect([AccountSchema, Secret]), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { account, oneTimeSecret } = await createAccount(
        ctx,
        settings,
        actorOf(request),
        request.body,
        request.ip,
      );
      reply.code(201).header('cache-control', NO_STORE).header('location', `/api/v1/users/${account.id}`);
      return { ...withEtag(reply, account), oneTimeSecret };
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改、停用、启用或解锁账号 / Edit, disable, enable or unlock an account',
        description: 'System administrator only; requires If-Match.',
        params: ById,
        body: Type.Object(
          {
            active: Type.Optional(Type.Boolean()),
            unitId: Type.Optional(Nullable(Id)),
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            unlock: Type.Optional(Type.Literal(true)),
          },
          { additionalProperties: false },
        ),
        response: { 200: AccountSchema, ...errorResponses(400, 401, 403, 404, 412, 428) },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      const account = await updateAccount(
        ctx,
        actorOf(request),
        request.params.id,
        version,
        request.body,
        request.ip,
      );
      return withEtag(reply, account);
    },
  );

  app.post(
    '/users/:id/roles',
    {
      schema: {
        tags: TAGS,
        summary: '授予角色 / Grant a role',
        description:
          'Security administrator only; never to oneself; one account holds at most one administrator role. If-Match is honoured when sent.',
        params: ById,
        body: Type.Object({ role: RoleSchema }, { additionalProperties: false }),
        response: { 200: AccountSchema, ...errorResponses(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      const version = request.headers['if-match'] ? expectedVersion(request) : undefined;
      const account = await grantRole(
        ctx,
        actorOf(request),
        request.params.id,
        request.body.role,
        version,
        request.ip,
      );
      return withEtag(reply, account);
    },
  );

  app.put(
    '/users/:id/clearances',
    {
      schema: {
        tags: TAGS,
        summary: '设置保密授权 / Set clearances',
        description:
          'Security administrator only; never to oneself nor to an administrator account. complainant_confidential lets a complaint handler read the identity of complainants labelled 举报人保密.',
        params: ById,
        body: Type.Object(
          { clearances: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 }) },
          { additionalProperties: false },
        ),
        response: { 200: AccountSchema, ...errorResponses(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      const version = request.headers['if-match'] ? expectedVersion(request) : undefined;
      const account = await setClearances(
        ctx,
        actorOf(request),
        request.params.id,
        request.body.clearances,
        version,
        request.ip,
      );
      return withEtag(reply, account);
    },
  );

  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags: TAGS,
        summary: '重置密码 / Reset a password',
        description:
          'System administrator only: a one-time secret, returned once; the account signs out everywhere.',
        params: ById,
        response: { 200: Secret, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', NO_STORE);
      return resetPassword(ctx, settings, actorOf(request), request.params.id, request.ip);
    },
  );

  app.post(
    '/users/:id/reset-totp',
    {
      schema: {
        tags: TAGS,
        summary: '重置动态口令 / Reset the second factor',
        params: ById,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await resetTotp(ctx, actorOf(request), request.params.id, request.ip);
      return reply.code(204).send(null);
    },
  );
}
