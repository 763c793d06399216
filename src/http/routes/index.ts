import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { AccountSettings } from '../../services/accounts/settings.js';
import type { ServiceContext } from '../../services/context.js';
import type { HardeningOptions } from '../plugins/security.js';
import { accountRoutes } from './accounts.routes.js';
import { attachmentRoutes } from './attachments.routes.js';
import { auditRoutes } from './audit.routes.js';
import { campaignRoutes } from './campaigns.routes.js';
import { complaintRoutes } from './complaints.routes.js';
import { problemFileRoutes } from './problem-files.routes.js';
import { problemRoutes } from './problems.routes.js';
import { publicRoutes } from './public.routes.js';
import { referenceRoutes } from './reference.routes.js';
import { sessionRoutes } from './session.routes.js';
import { tokenRoutes } from './tokens.routes.js';

/** A Fastify instance whose routes infer request types from their TypeBox schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export async function registerRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  security: { accounts: AccountSettings; hardening: HardeningOptions },
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  await sessionRoutes(api, ctx, security.accounts, security.hardening);
  await tokenRoutes(api, ctx, security.accounts);
  await accountRoutes(api, ctx, security.accounts);
  await referenceRoutes(api, ctx);
  await campaignRoutes(api, ctx);
  await problemRoutes(api, ctx);
  await problemFileRoutes(api, ctx);
  await complaintRoutes(api, ctx);
  await publicRoutes(api, ctx, security.hardening);
  await auditRoutes(api, ctx);
  await api.register(async (scoped) => attachmentRoutes(scoped.withTypeProvider<TypeBoxTypeProvider>(), ctx));
}
