import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/actor.js';
import { DomainError } from '../../core/errors.js';
import { authenticateToken, loadActor, type User } from '../../services/accounts.service.js';
import type { ServiceContext } from '../../services/context.js';

declare module 'fastify' {
  interface FastifyRequest {
    user?: User;
    actor?: Actor;
  }
}

const PUBLIC_PATHS = new Set(['/api/v1/openapi.json']);

export const unauthenticated = () =>
  new DomainError('UNAUTHENTICATED', {
    zh: '请先登录或提供有效的访问令牌',
    en: 'A valid bearer token is required',
  });

/** Resolves `Authorization: Bearer …` into request.user and request.actor for /api/v1. */
export function registerAuth(app: FastifyInstance, ctx: ServiceContext): void {
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/v1/') || PUBLIC_PATHS.has(path)) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match?.[1] ? await authenticateToken(ctx, match[1]) : undefined;
    if (!user) throw unauthenticated();
    request.user = user;
    request.actor = await loadActor(ctx, user);
  });
}

/** The authenticated actor of a request under /api/v1 (the hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
