import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { type AccountSettings, accountSettings } from '../services/accounts/settings.js';
import type { ServiceContext } from '../services/context.js';
import { databaseReady } from '../services/health.service.js';
import { open311Routes } from './open311/open311.routes.js';
import { registerAuth, sessionCookieName } from './plugins/auth.js';
import { registerErrorHandling } from './plugins/errors.js';
import { DEFAULT_HARDENING, type HardeningOptions, registerSecurity } from './plugins/security.js';
import { registerRoutes } from './routes/index.js';

export interface AppOptions {
  ctx: ServiceContext;
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Log every request and response (access log). */
  logRequests?: boolean;
  /** Largest accepted JSON body. */
  bodyLimit?: number;
  /** Sign-in, session, second-factor and password rules (defaults: production rules). */
  accounts?: AccountSettings;
  /** Rate limits and HSTS. */
  hardening?: Partial<HardeningOptions>;
  /** Trust X-Forwarded-For from a reverse proxy (for request.ip in rate limits and the audit). */
  trustProxy?: boolean | string;
}

/** Builds the HTTP app without listening (tests use inject()). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Two log lines per request cost more than the request itself; the audit records who did
    // what. LOG_REQUESTS=true turns access logging back on.
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const accounts = options.accounts ?? accountSettings();
  const hardening = { ...DEFAULT_HARDENING, hsts: accounts.sessions.cookieSecure, ...options.hardening };
  registerErrorHandling(app);
  await registerSecurity(app, hardening);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'duban 督办 API',
        version: '1',
        description:
          '环境督察整改台账 API — environmental-inspection rectification ledger. Changes need If-Match; creating POSTs accept Idempotency-Key; errors are application/problem+json.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(accounts) },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuth(app, options.ctx, accounts);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // Ready when the database answers: a load balancer stops sending traffic otherwise.
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const ready = await databaseReady(options.ctx);
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'unavailable', engine: options.ctx.engine });
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(async (api) => registerRoutes(api, options.ctx, { accounts, hardening }), {
    prefix: '/api/v1',
  });
  await app.register(async (open311) => open311Routes(open311, options.ctx, hardening), {
    prefix: '/open311/v2',
  });
  return app;
}
