import { Type } from '@sinclair/typebox';
import type { ComplaintCommand } from '../../core/complaint.js';
import { todayInShanghai } from '../../core/working-days.js';
import { exportComplaintsCsv } from '../../services/complaints/complaint.export.js';
import { listComplaints, viewComplaint } from '../../services/complaints/complaint.queries.js';
import {
  actOnComplaint,
  type ComplaintCommandInput,
  loadComplaint,
  readComplainant,
  receiveComplaint,
} from '../../services/complaints/complaint.service.js';
import type { ServiceContext } from '../../services/context.js';
import { timelineOf } from '../../services/timeline.js';
import { expectedVersion, idempotencyKeyOf, withEtag } from '../conditional.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Paged } from '../schemas.js';
import {
  COMPLAINT_COMMAND_BODIES,
  ComplainantSchema,
  ComplaintDetailSchema,
  ComplaintListQuery,
  ComplaintSchema,
  NewComplaintBody,
} from './complaint.schemas.js';
import type { Api } from './index.js';
import { EventView } from './problem.schemas.js';

const tags = ['complaints'];
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const kebab = (command: string) => command.replaceAll('_', '-');

const COMMAND_SUMMARIES: Record<ComplaintCommand, string> = {
  route: '转办 / Route to a unit',
  verify: '核实 / Record the verification (属实/部分属实/不属实)',
  close: '办结 / Close',
  not_accept: '不予受理 / Decline',
  link_problem: '关联台账问题 / Link to a ledger problem',
  mark_repeat: '标记重复件 / Mark as a repeat of an earlier complaint',
  disclose: '公开 / Disclose (screened for personal data)',
};

/** Complaints for signed-in staff; the complainant's identity has its own, audited route. */
export async function complaintRoutes(app: Api, ctx: ServiceContext): Promise<void> {
  app.post(
    '/complaints',
    {
      schema: {
        tags,
        summary: '登记信访举报件 / Record a complaint (phone, letter, visit, transfer)',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: NewComplaintBody,
        response: {
          201: ComplaintDetailSchema,
          200: ComplaintDetailSchema,
          ...errorResponses(400, 401, 403, 422),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const key = idempotencyKeyOf(request);
      const { value, replayed } = await receiveComplaint(
        ctx,
        actor,
        request.body,
        key ? { key, request: { path: '/complaints', body: request.body } } : undefined,
      );
      reply.header('location', `/api/v1/complaints/${value.id}`);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .code(replayed ? 200 : 201)
        .send(withEtag(reply, await viewComplaint(ctx, actor, value.id)));
    },
  );

  app.get(
    '/complaints',
    {
      schema: {
        tags,
        summary: '信访举报件（筛选、游标分页）/ Complaints in your scope',
        querystring: ComplaintListQuery,
        response: { 200: Paged(ComplaintSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return listComplaints(ctx, actorOf(request), filter, { limit, cursor });
    },
  );

  app.get(
    '/complaints/export.csv',
    {
      schema: {
        tags,
        summary: '导出举报件 CSV / Export complaints as CSV (no complainant data)',
        querystring: Type.Omit(ComplaintListQuery, ['limit', 'cursor']),
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const csv = await exportComplaintsCsv(ctx, actorOf(request), request.query);
      const day = todayInShanghai(ctx.clock.now().toISOString());
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="complaints-${day}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/complaints/:id',
    {
      schema: {
        tags,
        summary: '举报件详情 / Complaint detail with repeat candidates',
        params: IdParams,
        response: { 200: ComplaintDetailSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => withEtag(reply, await viewComplaint(ctx, actorOf(request), request.params.id)),
  );

  app.get(
    '/complaints/:id/events',
    {
      schema: {
        tags,
        summary: '举报件办理记录 / Timeline',
        params: IdParams,
        response: { 200: Type.Array(EventView), ...errorResponses(404) },
      },
    },
    async (request) => {
      const row = await loadComplaint(ctx, actorOf(request), request.params.id);
      return timelineOf(ctx, row.id);
    },
  );

  app.get(
    '/complaints/:id/complainant',
    {
      schema: {
        tags,
        summary: '举报人信息（审计）/ Complainant identity (audited read)',
        description:
          'Complaint handlers only, inside their scope; for a complaint labelled confidential (举报人保密) only with the complainant_confidential clearance. Every read and every refusal is recorded in the audit trail.',
        params: IdParams,
        response: { 200: ComplainantSchema, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return readComplainant(ctx, actorOf(request), request.params.id, request.ip);
    },
  );

  for (const [command, body] of Object.entries(COMPLAINT_COMMAND_BODIES) as [
    ComplaintCommand,
    (typeof COMPLAINT_COMMAND_BODIES)[ComplaintCommand],
  ][]) {
    app.post(
      `/complaints/:id/${kebab(command)}`,
      {
        schema: {
          tags,
          summary: COMMAND_SUMMARIES[command],
          description: 'Requires If-Match with the current version.',
          params: IdParams,
          body,
          response: { 200: ComplaintDetailSchema, ...errorResponses(400, 403, 404, 409, 412, 422, 428) },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const version = expectedVersion(request);
        const input = { ...(request.body as object), type: command } as ComplaintCommandInput;
        const row = await actOnComplaint(ctx, actor, request.params.id, version, input, request.ip);
        return withEtag(reply, await viewComplaint(ctx, actor, row.id));
      },
    );
  }
}
