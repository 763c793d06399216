import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.js';
import { registerSecurityHeaders } from './security-headers.js';

export interface HardeningOptions {
  /** Sign-in attempts per minute for one IP and login. */
  signInPerMinute: number;
  /** Requests per minute for one IP, all routes together: generous, a guard against floods. */
  globalPerMinute: number;
  /** Send Strict-Transport-Security (behind TLS). */
  hsts: boolean;
  /** Complaints one IP may submit through the public form per hour. */
  publicSubmitsPerHour: number;
  /** Public reads (tracking, disclosure) per minute for one IP: tracking codes cannot be enumerated. */
  publicReadsPerMinute: number;
}

export const DEFAULT_HARDENING: HardeningOptions = {
  signInPerMinute: 10,
  globalPerMinute: 1200,
  hsts: false,
  publicSubmitsPerHour: 10,
  publicReadsPerMinute: 60,
};

const rateLimited = (after: string) =>
  new DomainError('RATE_LIMITED', {
    zh: `请求过于频繁，请 ${after} 后再试`,
    en: `Too many requests; retry in ${after}`,
  });

/** Cookies, security headers and rate limits: registered before any route. */
export async function registerSecurity(app: FastifyInstance, options: HardeningOptions): Promise<void> {
  await app.register(cookie);
  registerSecurityHeaders(app, options.hsts);
  await app.register(rateLimit, {
    global: true,
    max: options.globalPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => rateLimited(context.after),
  });
}

/** Route config for POST /session: per IP and login, after the body is parsed. */
export const signInRateLimit = (options: HardeningOptions) => ({
  max: options.signInPerMinute,
  timeWindow: 60_000,
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => {
    const login = (request.body as { login?: unknown } | undefined)?.login;
    return `${request.ip}|${typeof login === 'string' ? login.toLowerCase().slice(0, 64) : ''}`;
  },
});
