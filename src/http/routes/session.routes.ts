import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { describeMe } from '../../services/accounts/me.js';
import { changePassword } from '../../services/accounts/password.service.js';
import { closeSession, signOutEverywhere } from '../../services/accounts/session.service.js';
import type { AccountSettings } from '../../services/accounts/settings.js';
import { signIn } from '../../services/accounts/sign-in.service.js';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../../services/accounts/totp.service.js';
import type { ServiceContext } from '../../services/context.js';
import { clearSessionCookie, sessionCookieName, setSessionCookie, userOf } from '../plugins/auth.js';
import { type HardeningOptions, signInRateLimit } from '../plugins/security.js';
import { errorResponses } from '../schemas.js';
import { MeSchema, NO_STORE, Password } from './account.schemas.js';
import type { Api } from './index.js';

const TAGS = ['session'];
const SignIn = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 64 }),
    password: Password,
    totp: Type.Optional(Type.String({ pattern: '^\\s*\\d{6}\\s*$' })),
  },
  { additionalProperties: false },
);

/** Sign-in, sign-out, "sign out everywhere", the signed-in user, password and second factor. */
export async function sessionRoutes(
  app: Api,
  ctx: ServiceContext,
  settings: AccountSettings,
  hardening: HardeningOptions,
): Promise<void> {
  const me = async (request: FastifyRequest) => ({
    ...(await describeMe(ctx, settings, userOf(request))),
    ...(request.session
      ? {
          csrfToken: request.session.session.csrf_token,
          session: {
            expiresAt: request.session.session.expires_at,
            idleExpiresAt: request.session.idleExpiresAt,
          },
        }
      : {}),
  });

  app.post(
    '/session',
    {
      config: { rateLimit: signInRateLimit(hardening) },
      schema: {
        tags: TAGS,
        security: [],
        summary: '登录 / Sign in',
        description:
          'Sets an httpOnly, SameSite=Strict session cookie and returns the CSRF token to send as x-csrf-token on changes. Give `totp` when the account has a second factor. Every failure answers the same 401.',
        body: SignIn,
        response: {
          200: Type.Object({ csrfToken: Type.String(), expiresAt: Type.String(), me: MeSchema }),
          ...errorResponses(400, 401, 429),
        },
      },
    },
    async (request, reply) => {
      const opened = await signIn(ctx, settings, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        replaces: request.cookies[sessionCookieName(settings)],
      });
      setSessionCookie(reply, settings, opened.token);
      reply.header('cache-control', NO_STORE);
      return {
        csrfToken: opened.csrfToken,
        expiresAt: opened.expiresAt,
        me: await describeMe(ctx, settings, opened.user),
      };
    },
  );

  app.delete(
    '/session',
    {
      schema: {
        tags: TAGS,
        summary: '退出登录 / Sign out',
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      if (request.session)
        await closeSession(ctx, request.session.session.id, userOf(request).id, request.ip);
      clearSessionCookie(reply, settings);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/session/revoke-all',
    {
      schema: {
        tags: TAGS,
        summary: '在所有设备上退出 / Sign out everywhere',
        response: { 200: Type.Object({ revoked: Type.Integer() }), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const revoked = await signOutEverywhere(ctx, userOf(request).id, request.ip);
      if (request.session) clearSessionCookie(reply, settings);
      return { revoked };
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: TAGS,
        summary: '当前用户 / The signed-in user',
        response: { 200: MeSchema, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', NO_STORE);
      return me(request);
    },
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags: TAGS,
        summary: '修改密码 / Change password',
        description: 'Signs out every other session of the user.',
        body: Type.Object(
          { currentPassword: Password, newPassword: Password },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, settings, userOf(request), request.body, {
        ip: request.ip,
        keepSessionId: request.session?.session.id,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/me/totp',
    {
      schema: {
        tags: TAGS,
        summary: '开始绑定动态口令 / Start second-factor enrolment',
        description: 'Returns the secret once, and an otpauth:// URI for a QR code; confirm with a code.',
        response: {
          200: Type.Object({ secret: Type.String(), otpauthUri: Type.String() }),
          ...errorResponses(401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', NO_STORE);
      return beginTotpEnrolment(ctx, settings, userOf(request), request.ip);
    },
  );

  app.post(
    '/me/totp/confirm',
    {
      schema: {
        tags: TAGS,
        summary: '确认绑定动态口令 / Confirm second-factor enrolment',
        body: Type.Object(
          { code: Type.String({ pattern: '^\\s*\\d{6}\\s*$' }) },
          { additionalProperties: false },
        ),
        response: { 200: MeSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request) => {
      await confirmTotpEnrolment(ctx, settings, userOf(request), request.body.code, request.ip);
      if (request.session) request.session.pending.mustEnrolTotp = false;
      return me(request);
    },
  );
}
