import { Type } from '@sinclair/typebox';
import { COMPLAINT_STATUS_LABELS, type ComplaintStatus } from '../../core/complaint.js';
import { todayInShanghai } from '../../core/working-days.js';
import { disclosuresCsv } from '../../services/complaints/complaint.export.js';
import { listDisclosures, trackComplaint } from '../../services/complaints/complaint.queries.js';
import { receiveComplaint } from '../../services/complaints/complaint.service.js';
import type { ServiceContext } from '../../services/context.js';
import type { HardeningOptions } from '../plugins/security.js';
import { errorResponses, Paged } from '../schemas.js';
import { DisclosureSchema, PublicComplaintBody, Receipt, TrackingViewSchema } from './complaint.schemas.js';
import type { Api } from './index.js';

const tags = ['public'];
const ProvinceQuery = Type.Object(
  {
    provinceCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/**
 * What the public reaches without an account: the complaint form, following a complaint by
 * its tracking code, and the disclosure table. Each has its own, tighter rate limit per IP.
 */
export async function publicRoutes(
  app: Api,
  ctx: ServiceContext,
  hardening: HardeningOptions,
): Promise<void> {
  const perIp = (max: number, timeWindow: number) => ({ rateLimit: { max, timeWindow } });

  app.post(
    '/public/complaints',
    {
      bodyLimit: 32 * 1024,
      config: perIp(hardening.publicSubmitsPerHour, 3_600_000),
      schema: {
        tags,
        summary: '网上举报 / Submit a complaint (no account needed)',
        description:
          'The complainant may stay anonymous; otherwise name and phone or e-mail are sealed in the identity vault and shown only to cleared complaint handlers. Answer with the tracking code.',
        security: [],
        body: PublicComplaintBody,
        response: { 201: Receipt, ...errorResponses(400, 413, 429) },
      },
    },
    async (request, reply) => {
      const { value } = await receiveComplaint(ctx, null, { ...request.body, channel: 'web' });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({
        trackingCode: value.tracking_code,
        status: value.status,
        statusLabel: COMPLAINT_STATUS_LABELS[value.status as ComplaintStatus],
        receivedOn: value.received_on,
        answerDueOn: value.answer_due_on,
      });
    },
  );

  app.get(
    '/public/complaints/:trackingCode',
    {
      config: perIp(hardening.publicReadsPerMinute, 60_000),
      schema: {
        tags,
        summary: '查询办理进度 / Follow a complaint by its tracking code',
        security: [],
        params: Type.Object({ trackingCode: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: { 200: TrackingViewSchema, ...errorResponses(404, 429) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return trackComplaint(ctx, request.params.trackingCode);
    },
  );

  app.get(
    '/public/disclosures',
    {
      config: perIp(hardening.publicReadsPerMinute, 60_000),
      schema: {
        tags,
        summary: '群众信访举报办理公开 / Disclosed handling results',
        security: [],
        querystring: ProvinceQuery,
        response: { 200: Paged(DisclosureSchema), ...errorResponses(400, 429) },
      },
    },
    async (request) => {
      const { limit, cursor, provinceCode } = request.query;
      return listDisclosures(ctx, { provinceCode }, { limit, cursor });
    },
  );

  app.get(
    '/public/disclosures.csv',
    {
      config: perIp(hardening.publicReadsPerMinute, 60_000),
      schema: {
        tags,
        summary: '公开情况一览表 CSV / The disclosure table as CSV',
        security: [],
        querystring: Type.Omit(ProvinceQuery, ['limit', 'cursor']),
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const day = todayInShanghai(ctx.clock.now().toISOString());
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="disclosures-${day}.csv"`)
        .send(await disclosuresCsv(ctx, { provinceCode: request.query.provinceCode }));
    },
  );
}
