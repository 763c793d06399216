import { Type } from '@sinclair/typebox';
import { exportAudit, listAudit } from '../../services/audit/audit.read.js';
import type { ServiceContext } from '../../services/context.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Nullable, Paged } from '../schemas.js';
import type { Api } from './index.js';

const tags = ['audit'];

const AuditRecord = Type.Object({
  id: Type.String(),
  chain: Type.String(),
  seq: Type.Integer(),
  occurredAt: Type.String(),
  actorId: Nullable(Type.String()),
  action: Type.String(),
  resourceType: Nullable(Type.String()),
  resourceId: Nullable(Type.String()),
  outcome: Type.String(),
  ip: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  hashAlg: Type.String(),
  prevHash: Type.String(),
  hash: Type.String(),
});

const Filter = {
  actorId: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  resourceType: Type.Optional(Type.String({ maxLength: 64 })),
  resourceId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'inclusive' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive' })),
};

/** The audit trail, read-only: the audit administrator only. */
export async function auditRoutes(app: Api, ctx: ServiceContext): Promise<void> {
  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: '审计记录（最新在前）/ Audit trail, newest first',
        querystring: Type.Object({
          ...Filter,
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 200: Paged(AuditRecord), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return listAudit(ctx, actorOf(request), filter, { limit: limit ?? 50, cursor }, request.ip);
    },
  );

  app.get(
    '/audit/export',
    {
      schema: {
        tags,
        summary: '导出审计记录（CSV，导出本身记入审计）/ Export as CSV (the export is audited)',
        querystring: Type.Object(Filter),
        produces: ['text/csv'],
        response: { ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { csv } = await exportAudit(ctx, actorOf(request), request.query, request.ip);
      const day = ctx.clock.now().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
        .send(csv);
    },
  );
}
