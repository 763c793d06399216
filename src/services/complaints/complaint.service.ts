import { randomBytes } from 'node:crypto';
import type { Actor } from '../../core/actor.js';
import {
  type ComplaintCommand,
  type ComplaintStatus,
  complaintTransition,
  FINDINGS,
  type Finding,
  PERSONAL_DATA_LABELS,
  personalDataIn,
  TRACKING_CODE_PATTERN,
} from '../../core/complaint.js';
import { authorizeComplaint, type ComplaintAction } from '../../core/complaint.policy.js';
import { DomainError, type FieldError, fieldError, invalid, notFound } from '../../core/errors.js';
import type { Label } from '../../core/vocabulary.js';
import { addDays, isIsoDate, todayInShanghai } from '../../core/working-days.js';
import { together } from '../../db/one-statement.js';
import type { ComplaintRow } from '../../db/schema.complaints.js';
import { complaintSearchWrites } from '../../db/search.js';
import { complaintSearchText } from '../../text/search-documents.js';
import { recordAudit } from '../audit/audit.service.js';
import { casSucceeded, recordEvent, versionConflict } from '../campaigns/shared.js';
import { inTransaction, type ServiceContext, withDb } from '../context.js';
import { createOnce, type IdempotencyRequest } from '../idempotency.js';
import { rulesFor } from '../problems/decision-context.js';
import { loadProblem } from '../problems/problem.service.js';
import { findRegionRow } from '../regions.service.js';
import { complaintFacts } from './complaint.presenter.js';
import {
  lengthErrors,
  type NewComplaint,
  normaliseIdentity,
  validateNewComplaint,
} from './complaint-input.js';
import { openIdentity, sealIdentity } from './identity-vault.js';

export const COMPLAINT: Label = { zh: '举报件', en: 'Complaint' };

/** The author of events the public causes (a web form, an Open311 client): nobody signed in. */
export const PUBLIC_ACTOR_ID = '00000000-0000-7000-8000-000000000001';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** JB20261125-7K3M9Q2XWD: 50 random bits, so codes cannot be guessed one from another. */
export function newTrackingCode(receivedOn: string): string {
  const bytes = randomBytes(10);
  const tail = [...bytes].map((b) => CROCKFORD[b & 31]).join('');
  const code = `JB${receivedOn.replaceAll('-', '')}-${tail}`;
  if (!TRACKING_CODE_PATTERN.test(code)) throw new Error('tracking code out of pattern');
  return code;
}

export async function findComplaintRow(ctx: ServiceContext, id: string): Promise<ComplaintRow | undefined> {
  return ctx.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A complaint by the tracking code its complainant holds; malformed codes find nothing. */
export async function findComplaintRowByTrackingCode(
  ctx: ServiceContext,
  code: string,
): Promise<ComplaintRow | undefined> {
  const normalised = code.trim().toUpperCase();
  if (!TRACKING_CODE_PATTERN.test(normalised)) return undefined;
  return ctx.db
    .selectFrom('complaints')
    .selectAll()
    .where('tracking_code', '=', normalised)
    .executeTakeFirst();
}

/**
 * Checks a decision; outside scope is 404 (no existence leak), a refusal 403 with the reason.
 * Refused identity reads are audited: someone tried to see personal data.
 */
export async function requireComplaintAllowed(
  ctx: ServiceContext,
  actor: Actor,
  action: ComplaintAction,
  row: ComplaintRow,
  ip?: string | null,
): Promise<void> {
  const decision = authorizeComplaint(actor, action, complaintFacts(row));
  if (decision.allowed) return;
  if (action === 'read_identity') {
    await recordAudit(
      ctx.db,
      {
        actorId: actor.userId,
        action: 'pii.read',
        resourceType: 'complaint',
        resourceId: row.id,
        outcome: 'denied',
        ip: ip ?? null,
        detail: { purpose: 'handling' },
      },
      ctx.clock.now(),
    );
  }
  if (decision.hidden) throw notFound(COMPLAINT);
  throw new DomainError('FORBIDDEN', decision.reason ?? { zh: '无权操作', en: 'Forbidden' });
}

/** A complaint readable by the actor, or 404. */
export async function loadComplaint(ctx: ServiceContext, actor: Actor, id: string): Promise<ComplaintRow> {
  const row = await findComplaintRow(ctx, id);
  if (!row) throw notFound(COMPLAINT);
  await requireComplaintAllowed(ctx, actor, 'read', row);
  return row;
}

/**
 * Records a complaint: the row, its sealed complainant (unless anonymous) and its first event,
 * in one transaction. `actor` is null for the public (web form, Open311).
 */
export async function receiveComplaint(
  ctx: ServiceContext,
  actor: Actor | null,
  input: NewComplaint,
  idem?: Omit<IdempotencyRequest, 'actorId'>,
): Promise<{ value: ComplaintRow; replayed: boolean }> {
  const now = ctx.clock.now();
  const today = todayInShanghai(now.toISOString());
  validateNewComplaint(input, today);
  const region = await findRegionRow(ctx.db, input.regionCode);
  const errors: FieldError[] = [];
  if (!region) errors.push(fieldError('regionCode', '行政区划不存在', 'unknown region'));
  if (
    input.campaignId &&
    !(await ctx.db.selectFrom('campaigns').select('id').where('id', '=', input.campaignId).executeTakeFirst())
  )
    errors.push(fieldError('campaignId', '专项行动不存在', 'unknown campaign'));
  if (errors.length || !region) throw invalid(errors);
  const anonymous = input.anonymous ?? false;
  const receivedOn = input.receivedOn ?? today;
  const draft = {
    region_code: region.code,
    province_code: region.province_code,
    city_code: region.city_code,
    county_code: region.county_code,
    campaign_id: input.campaignId ?? null,
    routed_unit_id: null,
    confidentiality: input.confidentiality ?? 'confidential',
  } satisfies Partial<ComplaintRow>;
  if (actor) {
    const decision = authorizeComplaint(actor, 'receive', complaintFacts(draft as ComplaintRow));
    if (!decision.allowed)
      throw new DomainError('FORBIDDEN', decision.reason ?? { zh: '无权操作', en: 'Forbidden' });
  }
  const actorId = actor?.userId ?? PUBLIC_ACTOR_ID;
  const rules = await rulesFor(ctx, draft.campaign_id);
  return createOnce(
    ctx,
    idem && { ...idem, actorId },
    async (tctx) => {
      const at = now.toISOString();
      const trackingCode = newTrackingCode(receivedOn);
      const content = input.content.trim();
      const place = input.place.trim();
      const row: ComplaintRow = {
        ...draft,
        id: tctx.newId(),
        tracking_code: trackingCode,
        channel: input.channel,
        content,
        place,
        search_text: complaintSearchText({ trackingCode, content, place }),
        pollution_type: input.pollutionType,
        anonymous: anonymous ? 1 : 0,
        status: 'received',
        received_on: receivedOn,
        answer_due_on: addDays(receivedOn, rules.complaintReplyDays),
        finding: null,
        result: null,
        accountability: null,
        problem_id: null,
        repeat_of_id: null,
        public_content: null,
        public_result: null,
        disclosed_at: null,
        illustrative: input.illustrative ? 1 : 0,
        version: 1,
        created_at: at,
        updated_at: at,
      };
      // The row and its search document: one statement on PostgreSQL.
      await together(tctx.db, {}, [
        tctx.db.insertInto('complaints').values(row),
        ...complaintSearchWrites(tctx.db, row),
      ]);
      if (!anonymous && input.complainant)
        await sealIdentity(tctx, tctx.db, row.id, normaliseIdentity(input.complainant));
      // The event says that a complainant exists, never who: the identity stays in the vault.
      await recordEvent(tctx, at, {
        aggregateType: 'complaint',
        aggregateId: row.id,
        seq: 1,
        type: 'complaint.received',
        actorId,
        payload: {
          channel: row.channel,
          content: row.content,
          place: row.place,
          pollutionType: row.pollution_type,
          regionCode: row.region_code,
          campaignId: row.campaign_id,
          confidentiality: row.confidentiality,
          anonymous,
          receivedOn,
          answerDueOn: row.answer_due_on,
        },
      });
      return { id: row.id, value: row };
    },
    async (id) => (await findComplaintRow(ctx, id)) as ComplaintRow,
  );
}

export type ComplaintCommandInput =
  | { type: 'route'; unitId: string; regionCode?: string; answerDueOn?: string }
  | { type: 'verify'; finding: Finding; result: string; accountability?: string }
  | { type: 'close' }
  | { type: 'not_accept'; reason: string }
  | { type: 'link_problem'; problemId: string }
  | { type: 'mark_repeat'; firstComplaintId: string }
  | { type: 'disclose'; publicContent: string; publicResult: string };

type Changes = Partial<ComplaintRow>;

/** Runs one command: policy, status, the command's own checks, then CAS update and event. */
export async function actOnComplaint(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  command: ComplaintCommandInput,
  ip?: string | null,
): Promise<ComplaintRow> {
  const row = await findComplaintRow(ctx, id);
  if (!row) throw notFound(COMPLAINT);
  await requireComplaintAllowed(ctx, actor, command.type, row);
  if (row.version !== expectedVersion) throw versionConflict(COMPLAINT);
  const next = complaintTransition(row.status as ComplaintStatus, command.type);
  const { changes, payload } = await prepare(ctx, actor, row, command, ip);
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (trx) => {
    const tctx = withDb(ctx, trx);
    const result = await trx
      .updateTable('complaints')
      .set({ ...changes, status: next, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (!casSucceeded(result)) throw versionConflict(COMPLAINT);
    // Routed to another region: the search document's region terms follow, in this transaction.
    const moved = complaintSearchWrites(trx, { ...row, ...changes }, row);
    if (moved.length) await together(trx, {}, moved);
    await recordEvent(tctx, now, {
      aggregateType: 'complaint',
      aggregateId: row.id,
      seq: row.version + 1,
      type: EVENT_TYPES[command.type],
      actorId: actor.userId,
      payload,
    });
    return (await findComplaintRow(tctx, row.id)) as ComplaintRow;
  });
}

const EVENT_TYPES: Record<ComplaintCommand, string> = {
  route: 'complaint.routed',
  verify: 'complaint.verified',
  close: 'complaint.closed',
  not_accept: 'complaint.not_accepted',
  link_problem: 'complaint.problem_linked',
  mark_repeat: 'complaint.repeat_marked',
  disclose: 'complaint.disclosed',
};

async function prepare(
  ctx: ServiceContext,
  actor: Actor,
  row: ComplaintRow,
  c: ComplaintCommandInput,
  ip?: string | null,
): Promise<{ changes: Changes; payload: Record<string, unknown> }> {
  switch (c.type) {
    case 'route':
      return route(ctx, row, c);
    case 'verify': {
      const errors = [
        ...((FINDINGS as readonly string[]).includes(c.finding)
          ? []
          : [fieldError('finding', '核实结论无效', `must be one of ${FINDINGS.join(', ')}`)]),
        ...lengthErrors('result', c.result, 5, 4000),
        ...(c.accountability === undefined ? [] : lengthErrors('accountability', c.accountability, 0, 4000)),
      ];
      if (errors.length) throw invalid(errors);
      const changes = {
        finding: c.finding,
        result: c.result.trim(),
        accountability: c.accountability?.trim() || null,
      };
      return { changes, payload: { ...changes } };
    }
    case 'close':
      return { changes: {}, payload: {} };
    case 'not_accept': {
      const errors = lengthErrors('reason', c.reason, 2, 2000);
      if (errors.length) throw invalid(errors);
      return { changes: { result: c.reason.trim() }, payload: { reason: c.reason.trim() } };
    }
    case 'link_problem': {
      const { row: problem } = await loadProblem(ctx, actor, c.problemId);
      return {
        changes: { problem_id: problem.id },
        payload: { problemId: problem.id, problemCode: problem.code },
      };
    }
    case 'mark_repeat':
      return markRepeat(ctx, actor, row, c.firstComplaintId);
    case 'disclose':
      return disclose(ctx, actor, row, c, ip);
  }
}

async function route(
  ctx: ServiceContext,
  row: ComplaintRow,
  c: Extract<ComplaintCommandInput, { type: 'route' }>,
): Promise<{ changes: Changes; payload: Record<string, unknown> }> {
  const errors: FieldError[] = [];
  const unit = await ctx.db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('id', '=', c.unitId ?? '')
    .executeTakeFirst();
  if (!unit) errors.push(fieldError('unitId', '单位不存在', 'unknown unit'));
  const region = c.regionCode ? await findRegionRow(ctx.db, c.regionCode) : undefined;
  if (c.regionCode && !region) errors.push(fieldError('regionCode', '行政区划不存在', 'unknown region'));
  if (c.answerDueOn !== undefined && (!isIsoDate(c.answerDueOn) || c.answerDueOn < row.received_on))
    errors.push(
      fieldError('answerDueOn', '答复期限无效或早于收件日期', 'must be a real date on or after receipt'),
    );
  if (errors.length || !unit) throw invalid(errors);
  const changes: Changes = {
    routed_unit_id: unit.id,
    ...(region && {
      region_code: region.code,
      province_code: region.province_code,
      city_code: region.city_code,
      county_code: region.county_code,
    }),
    ...(c.answerDueOn && { answer_due_on: c.answerDueOn }),
  };
  return {
    changes,
    payload: {
      unitId: unit.id,
      unitName: unit.name,
      regionCode: changes.region_code,
      answerDueOn: c.answerDueOn,
    },
  };
}

/** Links a repeat to the first case of its cluster (a repeat of a repeat points to the first). */
async function markRepeat(
  ctx: ServiceContext,
  actor: Actor,
  row: ComplaintRow,
  firstId: string,
): Promise<{ changes: Changes; payload: Record<string, unknown> }> {
  const first = await loadComplaint(ctx, actor, firstId);
  const root = first.repeat_of_id ? ((await findComplaintRow(ctx, first.repeat_of_id)) ?? first) : first;
  if (root.id === row.id || first.id === row.id)
    throw invalid([
      fieldError('firstComplaintId', '不能标记为自身的重复件', 'a complaint cannot repeat itself'),
    ]);
  if (root.received_on > row.received_on)
    throw invalid([
      fieldError('firstComplaintId', '首件须早于本件', 'the first case must be older than this one'),
    ]);
  return { changes: { repeat_of_id: root.id }, payload: { repeatOfId: root.id } };
}

/**
 * Publishes a reviewed content and result. Before anything is published the texts are screened
 * against patterns of personal data and against this complainant's sealed identity (an audited
 * system read): a match refuses the disclosure, naming the field, so a person rewrites it.
 */
async function disclose(
  ctx: ServiceContext,
  actor: Actor,
  row: ComplaintRow,
  c: Extract<ComplaintCommandInput, { type: 'disclose' }>,
  ip?: string | null,
): Promise<{ changes: Changes; payload: Record<string, unknown> }> {
  if (row.disclosed_at)
    throw new DomainError('CONFLICT', { zh: '该举报件已公开', en: 'This complaint is already disclosed' });
  const errors = [
    ...lengthErrors('publicContent', c.publicContent, 5, 2000),
    ...lengthErrors('publicResult', c.publicResult, 5, 4000),
  ];
  if (errors.length) throw invalid(errors);
  const identity = await openIdentity(ctx, { actorId: actor.userId, ip }, row.id, 'disclosure_screening');
  const texts = {
    publicContent: c.publicContent,
    publicResult: c.publicResult,
    accountability: row.accountability ?? '',
  };
  const leaks = Object.entries(texts).flatMap(([field, text]) =>
    personalDataIn(text, identity).map((kind) =>
      fieldError(
        field,
        `含有${PERSONAL_DATA_LABELS[kind].zh}，公开前请删除`,
        `contains ${PERSONAL_DATA_LABELS[kind].en}; remove it before disclosure`,
      ),
    ),
  );
  if (leaks.length)
    throw new DomainError(
      'RULE_VIOLATION',
      { zh: '公开内容不得包含个人信息', en: 'Disclosed text must not contain personal data' },
      leaks,
    );
  const changes = {
    public_content: c.publicContent.trim(),
    public_result: c.publicResult.trim(),
    disclosed_at: ctx.clock.now().toISOString(),
  };
  return { changes, payload: { publicContent: changes.public_content, publicResult: changes.public_result } };
}

/** The identity of a complainant for a cleared handler; every read (and refusal) is audited. */
export async function readComplainant(ctx: ServiceContext, actor: Actor, id: string, ip?: string | null) {
  const row = await findComplaintRow(ctx, id);
  if (!row) throw notFound(COMPLAINT);
  await requireComplaintAllowed(ctx, actor, 'read_identity', row, ip);
  const identity = await openIdentity(ctx, { actorId: actor.userId, ip }, row.id, 'handling');
  if (!identity)
    throw new DomainError('NOT_FOUND', {
      zh: '匿名举报，无举报人信息',
      en: 'Anonymous complaint: no complainant',
    });
  return identity;
}
