import type { Kysely } from 'kysely';
import type { Actor } from '../../core/actor.js';
import { canRecordSiteVisit, requireAllowed } from '../../core/campaign.policy.js';
import { DomainError, fieldError, invalid, notFound } from '../../core/errors.js';
import { newestFirstPage } from '../../db/keyset.js';
import type { DB, SiteVisitRow } from '../../db/schema.js';
import { inTransaction, type ServiceContext, withDb } from '../context.js';
import { createOnce, type IdempotencyRequest } from '../idempotency.js';
import { casSucceeded, recordEvent, SITE_VISIT, versionConflict } from './shared.js';
import { findingsOf, presentSiteVisits, type SiteVisitView } from './site-visit.presenter.js';
import {
  type Finding,
  type NewSiteVisit,
  normaliseSiteVisit,
  validateSiteVisit,
} from './site-visit-input.js';
import { findWorkGroupRow } from './work-group.store.js';

const FINDING = { zh: '督导发现', en: 'Finding' };

async function findVisitRow(db: Kysely<DB>, id: string): Promise<SiteVisitRow> {
  const row = await db.selectFrom('site_visits').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(SITE_VISIT);
  return row;
}

export async function getSiteVisit(ctx: ServiceContext, id: string): Promise<SiteVisitView> {
  const [view] = await presentSiteVisits(ctx.db, [await findVisitRow(ctx.db, id)]);
  return view!;
}

/** Records a visit (督导记录) of a work group; each finding gets an id so it can become a problem. */
export async function recordSiteVisit(
  ctx: ServiceContext,
  actor: Actor,
  workGroupId: string,
  input: NewSiteVisit,
  idem?: Omit<IdempotencyRequest, 'actorId'>,
): Promise<{ value: SiteVisitView; replayed: boolean }> {
  await findWorkGroupRow(ctx.db, workGroupId);
  requireAllowed(canRecordSiteVisit(actor, workGroupId));
  const v = normaliseSiteVisit(input);
  await validateSiteVisit(ctx, workGroupId, v);
  const { value: id, replayed } = await createOnce(
    ctx,
    idem && { ...idem, actorId: actor.userId },
    async (tctx) => {
      const id = tctx.newId();
      const now = tctx.clock.now().toISOString();
      const findings: Finding[] = v.findings.map((f) => ({
        id: tctx.newId(),
        text: f.text,
        area: f.area,
        problemId: null,
      }));
      await tctx.db
        .insertInto('site_visits')
        .values({
          id,
          work_group_id: workGroupId,
          visited_on: v.visitedOn,
          region_code: v.regionCode,
          place: v.place,
          participants: JSON.stringify(v.participants),
          summary: v.summary,
          findings: JSON.stringify(findings),
          recorded_by: actor.userId,
          version: 1,
          created_at: now,
        })
        .execute();
      await recordEvent(tctx, now, {
        aggregateType: 'site_visit',
        aggregateId: id,
        seq: 1,
        type: 'site_visit.recorded',
        actorId: actor.userId,
        payload: { workGroupId, ...v, findings },
      });
      return { id, value: id };
    },
    async (id) => id,
  );
  return { value: await getSiteVisit(ctx, id), replayed };
}

/** A work group's visits, newest visit first; one keyset page over (visited_on, id). */
export async function listSiteVisits(
  ctx: ServiceContext,
  workGroupId: string,
  page: { limit?: number; cursor?: string } = {},
): Promise<{ items: SiteVisitView[]; nextCursor: string | null }> {
  await findWorkGroupRow(ctx.db, workGroupId);
  const q = ctx.db.selectFrom('site_visits').selectAll().where('work_group_id', '=', workGroupId);
  const { rows, nextCursor } = await newestFirstPage(q, 'visited_on', (r) => r.visited_on, page);
  return { items: await presentSiteVisits(ctx.db, rows), nextCursor };
}

/**
 * Stores the problem a finding became. Meant to run inside the transaction that registers
 * the problem (it joins the caller's transaction), so both happen or neither. Linking the
 * same problem again changes nothing; a finding already linked elsewhere is a conflict.
 */
export async function markFindingAsProblem(
  ctx: ServiceContext,
  visitId: string,
  findingId: string,
  problemId: string,
  actorId: string,
): Promise<SiteVisitView> {
  return inTransaction(ctx, async (trx) => {
    const tctx = withDb(ctx, trx);
    const row = await findVisitRow(trx, visitId);
    const findings = findingsOf(row);
    const finding = findings.find((f) => f.id === findingId);
    if (!finding) throw notFound(FINDING);
    if (finding.problemId === problemId) return getSiteVisit(tctx, visitId);
    if (finding.problemId) {
      throw new DomainError(
        'CONFLICT',
        { zh: '该发现已登记为问题', en: 'This finding is already registered as a problem' },
        [
          fieldError(
            'findingId',
            `已关联问题 ${finding.problemId}`,
            `already linked to problem ${finding.problemId}`,
          ),
        ],
      );
    }
    const problem = await trx
      .selectFrom('problems')
      .select('id')
      .where('id', '=', problemId)
      .executeTakeFirst();
    if (!problem) throw invalid([fieldError('problemId', '问题不存在', 'Unknown problem')]);
    const now = ctx.clock.now().toISOString();
    const version = row.version + 1;
    const next = findings.map((f) => (f.id === findingId ? { ...f, problemId } : f));
    // Compare-and-set against the version just read: two links racing cannot both win.
    const result = await trx
      .updateTable('site_visits')
      .set({ findings: JSON.stringify(next), version })
      .where('id', '=', visitId)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (!casSucceeded(result)) throw versionConflict(SITE_VISIT);
    await recordEvent(tctx, now, {
      aggregateType: 'site_visit',
      aggregateId: visitId,
      seq: version,
      type: 'site_visit.finding_linked',
      actorId,
      payload: { findingId, problemId },
    });
    return getSiteVisit(tctx, visitId);
  });
}
