import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  COMPLAINT_STATUS_LABELS,
  type ComplaintStatus,
  POLLUTION_TYPE_LABELS,
  POLLUTION_TYPES,
  type PollutionType,
} from '../../core/complaint.js';
import { DomainError, fieldError, invalid } from '../../core/errors.js';
import type { ComplaintRow } from '../../db/schema.complaints.js';
import { xmlList } from '../../io/xml.js';
import {
  findComplaintRowByTrackingCode,
  receiveComplaint,
} from '../../services/complaints/complaint.service.js';
import type { ServiceContext } from '../../services/context.js';
import { problemOf } from '../plugins/errors.js';
import type { HardeningOptions } from '../plugins/security.js';

/*
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) for complaint intake by
 * existing clients: services are the pollution types, a service request is a complaint, its id
 * is the tracking code. JSON or XML by the extension; form-encoded or JSON bodies; errors in
 * Open311's own shape. No account: the public rate limits apply.
 */
type Format = 'json' | 'xml';
const FORMATS = new Set(['json', 'xml']);

function formatOf(request: FastifyRequest): Format {
  const format = (request.params as { format?: string }).format;
  if (!format || !FORMATS.has(format))
    throw invalid([fieldError('format', '仅支持 .json 或 .xml', 'use .json or .xml')]);
  return format as Format;
}

type Flat = Record<string, string | number | boolean | null>;

function send(reply: FastifyReply, format: Format, root: string, item: string, records: Flat[]) {
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xmlList(root, item, records));
  return reply.type('application/json; charset=utf-8').send(records);
}

const serviceOf = (code: PollutionType) => {
  const label = POLLUTION_TYPE_LABELS[code];
  return {
    service_code: code,
    service_name: `${label.zh} ${label.en}`,
    description: `${label.zh}污染举报 / ${label.en} pollution complaint`,
    metadata: false,
    type: 'realtime',
    keywords: code,
    group: '生态环境 environment',
  };
};

/** Open311 fields of a new request; the identity fields go to the vault, nowhere else. */
interface RequestBody {
  service_code?: string;
  jurisdiction_id?: string;
  description?: string;
  address_string?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  email?: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export async function open311Routes(
  app: FastifyInstance,
  ctx: ServiceContext,
  hardening: HardeningOptions,
): Promise<void> {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 32 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const formatFromUrl = (request: FastifyRequest): Format =>
    request.url.split('?')[0]?.endsWith('.xml') ? 'xml' : 'json';
  // Open311 clients expect [{code, description}], in the format they asked for.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemOf(error, request);
    const fields = problem.errors?.map((e) => `${e.field}: ${e.message.zh} / ${e.message.en}`) ?? [];
    const description = [problem.detail, ...fields].join('; ');
    reply.code(problem.status);
    return send(reply, formatFromUrl(request), 'errors', 'error', [{ code: problem.status, description }]);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404);
    return send(reply, formatFromUrl(request), 'errors', 'error', [
      { code: 404, description: '资源不存在 / Not found' },
    ]);
  });
  const reads = { rateLimit: { max: hardening.publicReadsPerMinute, timeWindow: 60_000 } };

  app.get('/services.:format', { config: reads, schema: { hide: true } }, async (request, reply) =>
    send(reply, formatOf(request), 'services', 'service', POLLUTION_TYPES.map(serviceOf)),
  );

  app.get('/services/:code.:format', { config: reads, schema: { hide: true } }, async (request, reply) => {
    const format = formatOf(request);
    const code = (request.params as { code: string }).code;
    if (!(POLLUTION_TYPES as readonly string[]).includes(code))
      throw new DomainError('NOT_FOUND', { zh: '服务类型不存在', en: 'Unknown service_code' });
    return send(reply, format, 'service_definition', 'service', [{ service_code: code, attributes: '' }]);
  });

  app.post(
    '/requests.:format',
    {
      bodyLimit: 32 * 1024,
      config: { rateLimit: { max: hardening.publicSubmitsPerHour, timeWindow: 3_600_000 } },
      schema: { hide: true },
    },
    async (request, reply) => {
      const format = formatOf(request);
      const b = (request.body ?? {}) as RequestBody;
      const name = [text(b.last_name), text(b.first_name)].filter(Boolean).join('');
      const contact = {
        ...(name && { name }),
        ...(text(b.phone) && { phone: text(b.phone) }),
        ...(text(b.email) && { email: text(b.email) }),
      };
      const anonymous = Object.keys(contact).length === 0;
      const { value } = await receiveComplaint(ctx, null, {
        channel: 'open311',
        content: text(b.description),
        place: text(b.address_string),
        pollutionType: text(b.service_code) as PollutionType,
        regionCode: text(b.jurisdiction_id),
        anonymous,
        complainant: anonymous ? null : contact,
      });
      reply.code(201).header('cache-control', 'no-store');
      return send(reply, format, 'service_requests', 'request', [
        {
          service_request_id: value.tracking_code,
          service_notice: `已受理，请于 ${value.answer_due_on} 前留意答复 / Received; answer due by ${value.answer_due_on}`,
          account_id: null,
        },
      ]);
    },
  );

  app.get('/requests/:id.:format', { config: reads, schema: { hide: true } }, async (request, reply) => {
    const format = formatOf(request);
    const row = await findComplaintRowByTrackingCode(ctx, (request.params as { id: string }).id);
    if (!row) throw new DomainError('NOT_FOUND', { zh: '举报件不存在', en: 'Service request not found' });
    reply.header('cache-control', 'no-store');
    return send(reply, format, 'service_requests', 'request', [requestView(row)]);
  });

  // Only by id: a public list of everyone's complaints is what the disclosure table is for.
  app.get('/requests.:format', { config: reads, schema: { hide: true } }, async (request, reply) => {
    const format = formatOf(request);
    const ids = String((request.query as { service_request_id?: string }).service_request_id ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    if (!ids.length || ids.length > 20)
      throw invalid([
        fieldError('service_request_id', '请给出 1–20 个受理编号', 'give 1–20 ids, comma-separated'),
      ]);
    const rows = await Promise.all(ids.map((id) => findComplaintRowByTrackingCode(ctx, id)));
    reply.header('cache-control', 'no-store');
    return send(
      reply,
      format,
      'service_requests',
      'request',
      rows.filter((r) => r !== undefined).map(requestView),
    );
  });
}

/** What the complainant may see: status and the answer, not the text or place they sent. */
function requestView(row: ComplaintRow): Flat {
  const status = row.status as ComplaintStatus;
  const answered = status === 'verified' || status === 'closed' || status === 'not_accepted';
  const label = COMPLAINT_STATUS_LABELS[status];
  const answer = answered ? (row.public_result ?? row.result) : null;
  return {
    service_request_id: row.tracking_code,
    status: status === 'closed' || status === 'not_accepted' ? 'closed' : 'open',
    status_notes: `${label.zh} / ${label.en}${answer ? `: ${answer}` : ''}`,
    service_name: POLLUTION_TYPE_LABELS[row.pollution_type as PollutionType].zh,
    service_code: row.pollution_type,
    agency_responsible: null,
    requested_datetime: row.created_at,
    updated_datetime: row.updated_at,
    expected_datetime: `${row.answer_due_on}T23:59:59+08:00`,
  };
}
