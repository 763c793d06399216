import type { Actor } from '../../core/actor.js';
import {
  CHANNEL_LABELS,
  COMPLAINT_STATUS_LABELS,
  type ComplaintChannel,
  type ComplaintStatus,
  FINDING_LABELS,
  type Finding,
  POLLUTION_TYPE_LABELS,
  type PollutionType,
} from '../../core/complaint.js';
import { authorizeComplaint } from '../../core/complaint.policy.js';
import { DomainError } from '../../core/errors.js';
import { csvCell } from '../audit/audit.csv.js';
import type { ServiceContext } from '../context.js';
import { regionNames } from '../reference-names.js';
import { publicNumberOf } from './complaint.presenter.js';
import { type ComplaintListFilter, complaintRowsQuery, listDisclosures } from './complaint.queries.js';

const EXPORT_MAX = 50_000;

const csv = (header: readonly string[], rows: readonly (readonly (string | number | null)[])[]) =>
  `\uFEFF${[header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n')}\r\n`;

/**
 * The complaints in the actor's scope as CSV for Excel. The columns are the complaint's, never
 * its complainant's: the vault is not read for an export. Cells are guarded against formulas.
 */
export async function exportComplaintsCsv(
  ctx: ServiceContext,
  actor: Actor,
  filter: ComplaintListFilter,
): Promise<string> {
  // The role decides whether one may export; the scope is applied in the query.
  const decision = authorizeComplaint(actor, 'export', null);
  if (!decision.allowed)
    throw new DomainError('FORBIDDEN', decision.reason ?? { zh: '无权导出', en: 'Forbidden' });
  const query = await complaintRowsQuery(ctx, actor, filter);
  const rows = query
    ? await query.orderBy('received_on', 'desc').orderBy('id', 'desc').limit(EXPORT_MAX).execute()
    : [];
  const regions = await regionNames(
    ctx,
    rows.map((r) => r.region_code),
  );
  return csv(
    [
      '公开编号',
      '收件日期',
      '来源渠道',
      '行政区划',
      '地点',
      '污染类型',
      '举报内容',
      '状态',
      '答复期限',
      '是否属实',
      '处理情况',
    ],
    rows.map((r) => [
      publicNumberOf(r),
      r.received_on,
      CHANNEL_LABELS[r.channel as ComplaintChannel]?.zh ?? r.channel,
      regions.get(r.region_code) ?? r.region_code,
      r.place,
      POLLUTION_TYPE_LABELS[r.pollution_type as PollutionType]?.zh ?? r.pollution_type,
      r.content,
      COMPLAINT_STATUS_LABELS[r.status as ComplaintStatus]?.zh ?? r.status,
      r.answer_due_on,
      r.finding ? FINDING_LABELS[r.finding as Finding].zh : null,
      r.result,
    ]),
  );
}

/** 群众信访举报转办和边督边改公开情况一览表, as CSV: exactly what the public page shows. */
export async function disclosuresCsv(
  ctx: ServiceContext,
  filter: { provinceCode?: string },
): Promise<string> {
  const out: (string | null)[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listDisclosures(ctx, filter, { limit: 200, cursor });
    for (const d of page.items)
      out.push([
        d.publicNumber,
        d.receivedOn,
        d.region,
        d.pollutionType.zh,
        d.content,
        d.finding?.zh ?? '',
        d.result,
        d.accountability,
      ]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < EXPORT_MAX);
  return csv(
    [
      '受理编号',
      '收件日期',
      '行政区域',
      '污染类型',
      '交办问题基本情况',
      '是否属实',
      '调查核实及处理整改情况',
      '责任人被处理情况',
    ],
    out,
  );
}
