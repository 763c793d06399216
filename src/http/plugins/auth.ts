import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/actor.js';
import { DomainError } from '../../core/errors.js';
import { pendingSteps } from '../../services/accounts/me.js';
import { type ActiveSession, authenticateSession } from '../../services/accounts/session.service.js';
import type { AccountSettings } from '../../services/accounts/settings.js';
import {
  authenticateToken,
  authenticateTokenIfCached,
  cachedActor,
  loadActor,
  type User,
} from '../../services/accounts.service.js';
import type { ServiceContext } from '../../services/context.js';

/** A browser session with what it must do before anything else. */
export interface RequestSession extends ActiveSession {
  pending: { mustChangePassword: boolean; mustEnrolTotp: boolean };
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: User;
    actor?: Actor;
    /** Set when the request was authenticated by the session cookie (not by a bearer token). */
    session?: RequestSession;
  }
}

const PUBLIC = new Set(['GET /api/v1/openapi.json', 'POST /api/v1/session']);
// What a session may still do while its password must change or its second factor be enrolled.
const WHILE_PENDING = new Set([
  'GET /api/v1/me',
  'POST /api/v1/me/password',
  'POST /api/v1/me/totp',
  'POST /api/v1/me/totp/confirm',
  'DELETE /api/v1/session',
  'POST /api/v1/session/revoke-all',
]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `__Host-` binds the cookie to this origin over HTTPS (no Domain, Path=/, Secure). */
export const sessionCookieName = (settings: AccountSettings) =>
  settings.sessions.cookieSecure ? '__Host-duban_session' : 'duban_session';

export const unauthenticated = () =>
  new DomainError('UNAUTHENTICATED', {
    zh: '请先登录或提供有效的访问令牌',
    en: 'Sign in, or send a valid bearer token',
  });

const csrfRefused = () =>
  new DomainError('FORBIDDEN', {
    zh: '缺少或错误的 x-csrf-token 请求头（登录时与 /api/v1/me 返回）',
    en: 'Missing or wrong x-csrf-token header (returned at sign-in and by /api/v1/me)',
  });

const pendingRefused = (p: RequestSession['pending']) =>
  new DomainError(
    'FORBIDDEN',
    p.mustChangePassword
      ? { zh: '请先修改密码', en: 'Change your password first (POST /api/v1/me/password)' }
      : { zh: '请先绑定动态口令', en: 'Enrol a second factor first (POST /api/v1/me/totp)' },
  );

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Resolves `Authorization: Bearer …` or the session cookie into request.user and
 * request.actor for /api/v1. Cookie-authenticated changes need the session's CSRF token;
 * bearer requests do not (a browser never adds that header on its own).
 */
export function registerAuth(app: FastifyInstance, ctx: ServiceContext, settings: AccountSettings): void {
  const cookieName = sessionCookieName(settings);
  const authenticate = async (request: FastifyRequest, reply: FastifyReply, header: string | undefined) => {
    if (header) {
      const match = BEARER.exec(header);
      const user = match?.[1] ? await authenticateToken(ctx, match[1], request.ip) : undefined;
      if (!user) throw unauthenticated();
      request.user = user;
      request.actor = await loadActor(ctx, user);
      return;
    }
    const cookie = request.cookies[cookieName];
    const active = cookie ? await authenticateSession(ctx, settings, cookie) : undefined;
    if (!active) {
      if (cookie) clearSessionCookie(reply, settings);
      throw unauthenticated();
    }
    const route = `${request.method} ${pathOf(request.url)}`;
    if (
      !SAFE_METHODS.has(request.method) &&
      !sameToken(request.headers['x-csrf-token'], active.session.csrf_token)
    )
      throw csrfRefused();
    const pending = pendingSteps(settings, active.user.role, active.flags, ctx.clock.now());
    if ((pending.mustChangePassword || pending.mustEnrolTotp) && !WHILE_PENDING.has(route))
      throw pendingRefused(pending);
    request.session = { ...active, pending };
    request.user = active.user;
    request.actor = await loadActor(ctx, active.user);
  };
  app.addHook('onRequest', (request, reply, done) => {
    const path = pathOf(request.url);
    // /api/v1/public/: what the public reaches without an account (complaint form, tracking, disclosure).
    if (
      !path.startsWith('/api/v1/') ||
      path.startsWith('/api/v1/public/') ||
      PUBLIC.has(`${request.method} ${path}`)
    )
      return done();
    const header = request.headers.authorization;
    // A bearer token whose user and actor are cached, and that needs no write this minute: no
    // promise (the common case of an API client). Everything else takes the full path.
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    const user = token ? authenticateTokenIfCached(ctx, token) : undefined;
    const actor = user && cachedActor(ctx, user);
    if (user && actor) {
      request.user = user;
      request.actor = actor;
      return done();
    }
    authenticate(request, reply, header).then(() => done(), done);
  });
}

const BEARER = /^Bearer\s+(\S+)$/i;

const pathOf = (url: string) => {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
};

export function setSessionCookie(reply: FastifyReply, settings: AccountSettings, token: string): void {
  reply.setCookie(sessionCookieName(settings), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.sessions.cookieSecure,
    maxAge: settings.sessions.absoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, settings: AccountSettings): void {
  reply.clearCookie(sessionCookieName(settings), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.sessions.cookieSecure,
  });
}

/** The authenticated actor of a request under /api/v1 (the hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/** The signed-in user of a request under /api/v1. */
export function userOf(request: FastifyRequest): User {
  if (!request.user) throw unauthenticated();
  return request.user;
}
