import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { attachmentRoutes } from './attachments.routes.js';
import { campaignRoutes } from './campaigns.routes.js';
import { problemFileRoutes } from './problem-files.routes.js';
import { problemRoutes } from './problems.routes.js';
import { referenceRoutes } from './reference.routes.js';

/** A Fastify instance whose routes infer request types from their TypeBox schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export async function registerRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  await referenceRoutes(api, ctx);
  await campaignRoutes(api, ctx);
  await problemRoutes(api, ctx);
  await problemFileRoutes(api, ctx);
  await api.register(async (scoped) => attachmentRoutes(scoped.withTypeProvider<TypeBoxTypeProvider>(), ctx));
}
